"""A report survives a server restart: the real server, its own database, stopped and started again."""

import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server_env(tmp_path):
    """Production-like settings on a database of this test's own (SQLite, or PostgreSQL when the suite runs on it)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "recours.settings",
        "DJANGO_DEBUG": "0",
        "SECRET_KEY": "restart-test-" + uuid.uuid4().hex + uuid.uuid4().hex,
        "RECOURS_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "RECOURS_TLS": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "RECOURS_RECEIPT_ARGON2_MEMORY_KIB": "1024",
    }
    base = os.environ.get("DATABASE_URL", "")
    dbname = None
    if base.startswith("postgres"):
        dbname = f"recours_restart_{uuid.uuid4().hex[:8]}"
        server = base.rsplit("/", 1)[0]
        subprocess.run(["psql", f"{server}/postgres", "-q", "-c", f"CREATE DATABASE {dbname}"], check=True)
        env["DATABASE_URL"] = f"{server}/{dbname}"
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'restart.sqlite3'}"
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "load_taxonomy"], env=env, check=True, cwd=ROOT, capture_output=True)
    subprocess.run([*manage, "load_geo", "--departements", "44"], env=env, check=True, cwd=ROOT, capture_output=True)
    yield env
    if dbname:
        subprocess.run(["psql", f"{server}/postgres", "-q", "-c", f"DROP DATABASE IF EXISTS {dbname}"], check=False)


def _start(env, port):
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "recours.asgi:application", "--host", "127.0.0.1", "--port", str(port),
         "--log-level", "warning"],
        env=env, cwd=ROOT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/v1/openapi.json", timeout=1)
            return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("the server did not start")


def test_a_report_survives_a_server_restart(server_env):
    port = _free_port()
    url = f"http://127.0.0.1:{port}/api/v1"
    server = _start(server_env, port)
    try:
        response = httpx.post(
            f"{url}/reports",
            json={
                "role": "victime",
                "narrative": "Refus de location après avoir donné mon nom.",
                "postal_code": "44000",
                "period": "mois",
                "criteria": ["patronyme"],
                "domain": "logement",
                "consent": True,
            },
        )
        assert response.status_code == 201, response.text
        receipt = response.json()["receipt"]
    finally:
        server.terminate()
        server.wait(timeout=10)

    server = _start(server_env, port)
    try:
        response = httpx.get(f"{url}/followup", headers={"X-Receipt": receipt})
        assert response.status_code == 200
        assert response.json()["status"] == "new"
    finally:
        server.terminate()
        server.wait(timeout=10)
