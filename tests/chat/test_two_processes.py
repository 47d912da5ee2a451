"""One chat held across two server processes over Redis, with a restart of one in the middle.

Two real uvicorn processes share a fresh PostgreSQL database (a SQLite file does not serve
two processes well) and the machine's Redis (a DB number and channel prefix of their own).
The visitor talks to process A, the adviser to process B. Skipped only when PostgreSQL or
Redis is unreachable on 127.0.0.1.
"""

import asyncio
import json
import os
import re
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import pytest
import websockets
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]
PG_SERVER = os.environ.get("RECOURS_TEST_PG_SERVER", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("RECOURS_TEST_REDIS_URL", "redis://127.0.0.1:6379/7")

SETUP = """
from django_otp.plugins.otp_totp.models import TOTPDevice
from django.contrib.auth import SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django_otp import DEVICE_ID_SESSION_KEY
from recours.accounts.models import TeamKind
from recours.accounts.services import staff_user_create, team_create
from recours.chat.services import presence_beat
team = team_create(name="Ville de Nantes", kind=TeamKind.COMMUNES, commune_ids=["44109"])
user = staff_user_create(username="camille", password="un mot de passe de test assez long", team=team)
device = TOTPDevice.objects.create(user=user, name="t", confirmed=True)
presence_beat(user)
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session[DEVICE_ID_SESSION_KEY] = device.persistent_id
session.create()
print("SESSION=" + session.session_key)
"""


def _run(coroutine):
    """asyncio.run in a thread of its own: the browser tests leave Playwright's loop in this one."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def shared_env():
    if not _reachable("127.0.0.1", 5432):
        pytest.skip("PostgreSQL is not reachable on 127.0.0.1:5432")
    if not _reachable("127.0.0.1", 6379):
        pytest.skip("Redis is not reachable on 127.0.0.1:6379")
    dbname = f"recours_chat2p_{uuid.uuid4().hex[:8]}"
    subprocess.run(["psql", f"{PG_SERVER}/postgres", "-q", "-c", f"CREATE DATABASE {dbname}"], check=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "recours.settings",
        # DEBUG only for static files: pages link them from the apps, with no collectstatic manifest to build here.
        "DJANGO_DEBUG": "1",
        "SECRET_KEY": "chat-two-processes-" + uuid.uuid4().hex + uuid.uuid4().hex,
        "RECOURS_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "RECOURS_TLS": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"{PG_SERVER}/{dbname}",
        "REDIS_URL": REDIS_URL,
        "RECOURS_CHANNEL_PREFIX": f"test-{uuid.uuid4().hex[:8]}",
        "RECOURS_CHAT_HOURS": "1-7 00:00-23:59:59",
        "RECOURS_CHAT_CLOSED_ON_HOLIDAYS": "0",
        "RECOURS_RECEIPT_ARGON2_MEMORY_KIB": "1024",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    try:
        subprocess.run([*manage, "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)
        subprocess.run([*manage, "load_taxonomy"], env=env, check=True, cwd=ROOT, capture_output=True)
        subprocess.run([*manage, "load_geo", "--departements", "44"], env=env, check=True, cwd=ROOT, capture_output=True)
        out = subprocess.run([*manage, "shell", "-c", SETUP], env=env, check=True, cwd=ROOT, capture_output=True, text=True)
        env["_SESSION"] = re.search(r"SESSION=(\S+)", out.stdout).group(1)
        yield env
    finally:
        subprocess.run(["psql", f"{PG_SERVER}/postgres", "-q", "-c", f"DROP DATABASE IF EXISTS {dbname} WITH (FORCE)"],
                       check=False)


def _start(env, port):
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "recours.asgi:application", "--host", "127.0.0.1", "--port", str(port),
         "--log-level", "warning"],
        env=env, cwd=ROOT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/tchat/", timeout=1)
            return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("the server did not start")


def _stop(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


async def _frame(ws, kind, timeout=10, sender=None):
    """The next frame of type `kind` (and from `sender`, for messages), skipping the others."""
    while True:
        frame = json.loads(await asyncio.wait_for(ws.recv(), timeout))
        if frame["t"] == kind and (sender is None or frame.get("from") == sender):
            return frame


def _accept(port, session, pk):
    cookies = {"recours_session": session}
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", cookies=cookies) as http:
        page = http.get("/console/tchat/").text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        response = http.post(f"/console/tchat/{pk}/prendre/", data={"csrfmiddlewaretoken": token},
                             headers={"Origin": f"http://127.0.0.1:{port}"})
        assert response.status_code == 302, response.text


def test_a_chat_is_held_across_two_processes_and_survives_a_restart(shared_env):
    port_a, port_b = _free_port(), _free_port()
    server_a, server_b = _start(shared_env, port_a), _start(shared_env, port_b)
    session = shared_env["_SESSION"]
    try:
        async def first_part():
            visitor = await websockets.connect(f"ws://127.0.0.1:{port_a}/ws/tchat/", origin=f"http://127.0.0.1:{port_a}")
            await visitor.send(json.dumps({"t": "start", "postal_code": "44000"}))
            token = (await _frame(visitor, "started"))["token"]
            await _frame(visitor, "state")
            staff = await websockets.connect(
                f"ws://127.0.0.1:{port_b}/ws/console/tchat/", origin=f"http://127.0.0.1:{port_b}",
                additional_headers={"Cookie": f"recours_session={session}"},
            )
            await asyncio.to_thread(_accept, port_b, session, 1)
            joined = await _frame(visitor, "m")  # "an adviser joined", written by process B
            await staff.send(json.dumps({"t": "watch", "conv": 1, "after": 1}))
            await visitor.send(json.dumps({"t": "msg", "cid": "v1", "body": "Bonjour depuis A"}))
            heard = await _frame(staff, "m", sender="visitor")
            await staff.send(json.dumps({"t": "msg", "conv": 1, "cid": "a1", "body": "Bonjour depuis B"}))
            answer = await _frame(visitor, "m", sender="adviser")
            await visitor.close()
            await staff.close()
            return token, joined, heard, answer

        token, joined, heard, answer = _run(first_part())
        assert joined["id"] == 1 and joined["from"] == "system"
        assert (heard["id"], heard["body"]) == (2, "Bonjour depuis A")
        assert (answer["id"], answer["body"]) == (3, "Bonjour depuis B")

        _stop(server_a)  # the visitor's server goes down; the adviser writes meanwhile through B

        async def while_down():
            staff = await websockets.connect(
                f"ws://127.0.0.1:{port_b}/ws/console/tchat/", origin=f"http://127.0.0.1:{port_b}",
                additional_headers={"Cookie": f"recours_session={session}"},
            )
            await staff.send(json.dumps({"t": "watch", "conv": 1, "after": 3}))
            await staff.send(json.dumps({"t": "msg", "conv": 1, "cid": "a2", "body": "Pendant la panne"}))
            ack = await _frame(staff, "ack")
            await staff.close()
            return ack

        assert _run(while_down())["id"] == 4
        server_a = _start(shared_env, port_a)

        async def resumed():
            visitor = await websockets.connect(f"ws://127.0.0.1:{port_a}/ws/tchat/", origin=f"http://127.0.0.1:{port_a}")
            await visitor.send(json.dumps({"t": "resume", "token": token, "after": 3}))
            # The visitor resends a message whose acknowledgement it may have missed: stored once.
            await visitor.send(json.dumps({"t": "msg", "cid": "v1", "body": "Bonjour depuis A"}))
            missed = await _frame(visitor, "m")
            ack = await _frame(visitor, "ack")
            await visitor.close()
            return missed, ack

        missed, ack = _run(resumed())
        assert (missed["id"], missed["body"]) == (4, "Pendant la panne")
        assert ack["id"] == 2
    finally:
        _stop(server_a)
        _stop(server_b)
