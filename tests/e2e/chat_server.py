"""A real ASGI server (uvicorn, in a thread of the test process) for the chat's browser tests.

pytest-django's live_server speaks WSGI only: no WebSocket. This one serves the whole
application (HTTP and WebSockets) on the test database, and can be stopped and started
again on the same port in the middle of a test (a server restart mid-chat).
"""

from __future__ import annotations

import socket
import threading
import time

import uvicorn


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ThreadedServer:
    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.server: uvicorn.Server | None = None
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ThreadedServer:
        from recours.asgi import application

        config = uvicorn.Config(application, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the chat test server did not start")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.should_exit = True
            self.thread.join(timeout=15)
            self.server = None


def sqlite_lock_retry(monkeypatch) -> None:
    """Retry statements that meet "database table is locked" (test database only).

    The test database is SQLite in memory with a shared cache (so the server's threads see
    the test's data); there, a conflicting lock fails at once (SQLITE_LOCKED), without the
    busy timeout a file database has. The server's threads (one per request and socket)
    and the test thread do meet; production databases (PostgreSQL, SQLite in a file with
    WAL and a busy timeout) wait instead, which is what this retry imitates.
    """
    import sqlite3

    from django.db.backends.sqlite3 import base

    original_execute = base.SQLiteCursorWrapper.execute
    original_executemany = base.SQLiteCursorWrapper.executemany

    def retrying(original):
        def run(self, *args, **kwargs):
            deadline = time.monotonic() + 10
            while True:
                try:
                    return original(self, *args, **kwargs)
                except sqlite3.OperationalError as exc:
                    if "locked" not in str(exc) or time.monotonic() > deadline:
                        raise
                    time.sleep(0.01)

        return run

    monkeypatch.setattr(base.SQLiteCursorWrapper, "execute", retrying(original_execute))
    monkeypatch.setattr(base.SQLiteCursorWrapper, "executemany", retrying(original_executemany))
