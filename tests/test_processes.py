"""The production processes stop cleanly on SIGTERM: the web server closes chat sockets with
"service restart" (1012) so pages reconnect elsewhere, the task worker and the periodic runner
exit 0. Real processes on a database of their own."""

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import pytest
import websockets
from cryptography.fernet import Fernet

from tests.test_restart import _free_port

ROOT = Path(__file__).resolve().parent.parent
MANAGE = [sys.executable, str(ROOT / "manage.py")]


@pytest.fixture
def process_env(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "recours.settings",
        "DJANGO_DEBUG": "0",
        "SECRET_KEY": "processes-test-" + uuid.uuid4().hex + uuid.uuid4().hex,
        "RECOURS_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "RECOURS_TLS": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "RECOURS_TASKS_BACKEND": "database",
        "RECOURS_OBSERVATORY_SCRUB_WARMUP": "0",
        "RECOURS_PDF_WARM_UP": "0",
        "PYTHONUNBUFFERED": "1",
    }
    base = os.environ.get("DATABASE_URL", "")
    dbname = None
    if base.startswith("postgres"):
        dbname = f"recours_processes_{uuid.uuid4().hex[:8]}"
        server = base.rsplit("/", 1)[0]
        subprocess.run(["psql", f"{server}/postgres", "-q", "-c", f"CREATE DATABASE {dbname}"], check=True)
        env["DATABASE_URL"] = f"{server}/{dbname}"
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'processes.sqlite3'}"
    subprocess.run([*MANAGE, "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)
    yield env
    if dbname:
        subprocess.run(["psql", f"{server}/postgres", "-q", "-c", f"DROP DATABASE IF EXISTS {dbname} WITH (FORCE)"],
                       check=False)


def _wait_for_line(process, text: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if text in line:
            return
        if not line and process.poll() is not None:
            raise AssertionError(f"exited ({process.returncode}) before printing {text!r}")
    raise AssertionError(f"no {text!r} within {timeout} s")


def test_the_periodic_runner_finishes_its_round_and_exits_0_on_sigterm(process_env):
    runner = subprocess.Popen([*MANAGE, "run_periodic", "--loop", "3600", "-v", "2"], env=process_env, cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        _wait_for_line(runner, "waiting")  # a round done, now between rounds
        runner.send_signal(signal.SIGTERM)
        assert runner.wait(timeout=30) == 0
    finally:
        runner.kill()


def test_the_task_worker_exits_0_on_sigterm(process_env):
    worker = subprocess.Popen([*MANAGE, "db_worker", "--no-startup-delay", "--no-reload", "-v", "3"], env=process_env,
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        _wait_for_line(worker, "Starting worker")
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=30) == 0
    finally:
        worker.kill()


def test_a_stopping_web_server_closes_chat_sockets_with_service_restart(process_env):
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "recours.asgi:application", "--host", "127.0.0.1", "--port", str(port),
         "--log-level", "warning", "--no-access-log", "--timeout-graceful-shutdown", "10"],
        env=process_env, cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline and server.poll() is None, "the server did not start"
            time.sleep(0.2)

        async def visitor_socket_closes():
            async with websockets.connect(
                f"ws://127.0.0.1:{port}/ws/tchat/", origin=f"http://127.0.0.1:{port}"
            ) as socket:
                await socket.send(json.dumps({"t": "sync"}))
                await socket.recv()  # the consumer answers: the socket is open and served
                server.send_signal(signal.SIGTERM)
                try:
                    await asyncio.wait_for(socket.recv(), timeout=30)
                except websockets.ConnectionClosed as closed:
                    return closed.rcvd.code if closed.rcvd else None
                return "still open"

        assert asyncio.run(visitor_socket_closes()) == 1012
        # After its graceful shutdown, uvicorn re-raises the signal it got (the exit status a
        # supervisor expects of a process stopped by SIGTERM): it ended, it did not hang.
        assert server.wait(timeout=30) in (0, -signal.SIGTERM)
    finally:
        server.kill()
