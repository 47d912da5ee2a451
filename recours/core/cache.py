"""Per-process copies of small reference tables, read by every request (taxonomy lists, the
teams' territories, the national services of the directory).

Each process keeps a value for `RECOURS_REFERENCE_CACHE_SECONDS` (0: read the database every
time). A process that writes the table clears its copy at once (the other processes see the
change within that delay).

A copy holds committed rows only. A value loaded inside a transaction may hold rows that
transaction wrote and may still roll back (the national team, created lazily by the first
report, once kept a rolled-back id in every later case of the process): such a value is
answered to its caller but kept only once the transaction commits, and forgotten with it on
a rollback. A clear during that transaction wins over the value loaded before it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction


class ReferenceCache:
    def __init__(self, name: str):
        self.name = name
        self._values: dict[str, tuple[float, Any]] = {}
        self._generation = 0
        self._lock = threading.Lock()

    def get(self, key: str, load: Callable[[], Any]) -> Any:
        ttl = settings.RECOURS_REFERENCE_CACHE_SECONDS
        if ttl <= 0:
            return load()
        hit = self._values.get(key)
        if hit is not None and time.monotonic() - hit[0] < ttl:
            return hit[1]
        generation, loaded_at = self._generation, time.monotonic()
        value = load()
        if transaction.get_connection().in_atomic_block:
            transaction.on_commit(lambda: self._keep(key, value, loaded_at, generation))
        else:
            self._keep(key, value, loaded_at, generation)
        return value

    def _keep(self, key: str, value: Any, loaded_at: float, generation: int) -> None:
        with self._lock:
            if generation == self._generation:  # not cleared since it was read
                self._values[key] = (loaded_at, value)

    def clear(self, **_signal_kwargs) -> None:
        """Forget this process's copies (now, and again once the writing transaction commits,
        so a copy read meanwhile from the rows before the write does not stay)."""
        self._forget()
        if transaction.get_connection().in_atomic_block:
            transaction.on_commit(self._forget)

    def _forget(self) -> None:
        with self._lock:
            self._generation += 1
            self._values.clear()
