"""The national services every instance starts with (data/services_nationaux.json).

They are real services of national scope, written in the data·inclusion format with our
extensions; each instance's coordinators verify and complete them (`date_verification`).
Loading is idempotent: entries are updated by their id, never duplicated.
"""

from __future__ import annotations

import json
from pathlib import Path

from recours.directory.schema import Geography, RowError, service_row_validate, structure_row_validate
from recours.directory.services import UpsertCounts, directory_upsert

NATIONAL_FILE = Path(__file__).parent / "data" / "services_nationaux.json"


def entries_validate(data: dict, geography: Geography | None = None) -> tuple[list[dict], list[tuple[dict, list[str]]]]:
    """Every structure and service of `data` validated; RowError naming the first bad entry."""
    geography = geography or Geography.load()
    structures, services = [], []
    for row in data.get("structures", []):
        try:
            structures.append(structure_row_validate(dict(row), geography))
        except RowError as exc:
            raise RowError({row.get("id", "?"): str(exc)}) from None
    for row in data.get("services", []):
        try:
            services.append(service_row_validate(dict(row), geography))
        except RowError as exc:
            raise RowError({row.get("id", "?"): str(exc)}) from None
    return structures, services


def directory_national_load() -> UpsertCounts:
    data = json.loads(NATIONAL_FILE.read_text(encoding="utf-8"))
    structures, services = entries_validate(data)
    return directory_upsert(structures=structures, services=services)
