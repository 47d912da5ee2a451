"""Live chat under load: visitor sockets, active conversations, two server processes over Redis.

    .venv/bin/python bench/chat.py [--visitors 1000] [--conversations 100] [--rate 0.1]
                                   [--duration 30] [--pg postgres://postgres@127.0.0.1:5432]
                                   [--redis redis://127.0.0.1:6379/8]

It creates a throw-away PostgreSQL database (dropped at the end, even on failure), starts
two uvicorn processes (DEBUG off, the Redis channel layer, a prefix of this run's own),
opens `--visitors` visitor sockets spread over both processes (each joins the waiting
list), has `--conversations` of them accepted by 10 advisers whose sockets are on the
*other* process than their visitors, then, for `--duration` seconds, each conversation
sends `--rate` messages per second in each direction (visitor -> adviser and back).

Latency of a message: from the moment it is sent to the moment the other side's socket
receives it — stored (encrypted) in the database, woken through Redis, read back from the
database by the receiving process, sent. Open loop: messages leave at their scheduled time
whatever happens to the others. Lost: acknowledged by the server but not received by
the other side within a grace period of 30 s after the last send. Duplicated: an id received twice by one side.

In the same run, on the same processes, the floor: a bare Channels echo consumer (direct
round trip), and the same echo through the Redis channel layer (group_send to itself).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import secrets
import socket
import statistics
import subprocess
import sys
import time
import uuid
from collections import defaultdict
from pathlib import Path

import websockets
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
ADVISERS = 10
TARGET_P99_MS = 100.0
GRACE_SECONDS = 30.0

SETUP = """
import sys
from django.contrib.auth import SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from recours.accounts.models import TeamKind
from recours.accounts.services import staff_user_create, team_create
from recours.chat.services import presence_beat
team = team_create(name="Ville de Nantes", kind=TeamKind.COMMUNES, commune_ids=["44109"])
for n in range(%(advisers)d):
    user = staff_user_create(username=f"adviser{n}", password="un mot de passe de bench assez long", team=team)
    device = TOTPDevice.objects.create(user=user, name="t", confirmed=True)
    presence_beat(user)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.create()
    print(f"SESSION {user.pk} {session.session_key}")
"""

ACCEPT = """
import json, sys
from django.contrib.auth import get_user_model
from recours.chat import services
from recours.chat.selectors import conversation_for_token
plan = json.loads(sys.stdin.read())
for index, token, user_pk in plan:
    conversation = conversation_for_token(token)
    services.conversation_accept(conversation=conversation, user=get_user_model().objects.get(pk=user_pk))
    print(f"CONV {index} {conversation.pk}")
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def start_server(env, port):
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "bench.chat_asgi:application", "--host", "127.0.0.1", "--port", str(port),
         "--log-level", "warning", "--ws-max-queue", "64"],
        env=env, cwd=ROOT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("a server did not start")


class Side:
    """One socket's receiving state: ids seen per conversation, arrival times per client id."""

    def __init__(self, ws):
        self.ws = ws
        self.seen: dict[int, set[int]] = defaultdict(set)
        self.duplicates = 0
        self.arrivals: dict[str, float] = {}
        self.acks: dict[str, float] = {}
        self.frames: asyncio.Queue = asyncio.Queue()

    async def pump(self, conv_of_visitor: int | None = None):
        async for raw in self.ws:
            now = time.perf_counter()
            frame = json.loads(raw)
            kind = frame.get("t")
            if kind == "m":
                conv = frame.get("conv", conv_of_visitor)
                if frame["id"] in self.seen[conv]:
                    self.duplicates += 1
                self.seen[conv].add(frame["id"])
                self.arrivals.setdefault(frame["cid"], now)
            elif kind == "ack":
                self.acks[frame["cid"]] = now
            else:
                await self.frames.put(frame)


async def run(args, ports) -> dict:
    origin = {p: f"http://127.0.0.1:{p}" for p in ports}
    results: dict = {}

    # --- The floor: a bare echo consumer, directly and through the Redis layer ---
    async def echo(prefix: str, count: int = 100, rounds: int = 20) -> list[float]:
        sockets = [
            await websockets.connect(f"ws://127.0.0.1:{ports[i % 2]}/ws/bench/echo/", origin=origin[ports[i % 2]])
            for i in range(count)
        ]
        samples: list[float] = []

        async def one(ws):
            for _ in range(rounds):
                t0 = time.perf_counter()
                await ws.send(prefix + secrets.token_hex(8))
                await ws.recv()
                samples.append((time.perf_counter() - t0) * 1000)
                await asyncio.sleep(0.2)

        await asyncio.gather(*(one(ws) for ws in sockets))
        for ws in sockets:
            await ws.close()
        return samples

    results["echo"] = await echo("D")
    results["echo_layer"] = await echo("L")

    # --- Visitors join the queue, spread over both processes ---
    visitors: list[tuple[Side, str, int]] = []  # (side, token, port)

    async def join(i: int):
        port = ports[i % 2]
        ws = await websockets.connect(f"ws://127.0.0.1:{port}/ws/tchat/", origin=origin[port], max_queue=64)
        await ws.send(json.dumps({"t": "start", "postal_code": "44000"}))
        token = None
        while token is None:
            frame = json.loads(await ws.recv())
            if frame["t"] == "started":
                token = frame["token"]
            elif frame["t"] == "offline":
                raise RuntimeError(f"the chat answered offline: {frame}")
        return Side(ws), token, port

    t0 = time.perf_counter()
    for batch in range(0, args.visitors, 50):
        visitors += await asyncio.gather(*(join(i) for i in range(batch, min(batch + 50, args.visitors))))
    results["join_seconds"] = time.perf_counter() - t0
    return visitors, results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--visitors", type=int, default=1000)
    parser.add_argument("--conversations", type=int, default=100)
    parser.add_argument("--rate", type=float, default=0.1,
                        help="messages per second, per conversation and direction (0.1: one every 10 s each way)")
    parser.add_argument("--duration", type=float, default=30.0)
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/8")
    args = parser.parse_args()

    dbname = f"recours_benchchat_{uuid.uuid4().hex[:8]}"
    subprocess.run(["psql", f"{args.pg}/postgres", "-q", "-c", f"CREATE DATABASE {dbname}"], check=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "recours.settings",
        "DJANGO_DEBUG": "0",
        "SECRET_KEY": "bench-chat-" + uuid.uuid4().hex + uuid.uuid4().hex,
        "RECOURS_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "RECOURS_TLS": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"{args.pg}/{dbname}",
        "REDIS_URL": args.redis,
        "RECOURS_CHANNEL_PREFIX": f"bench-{uuid.uuid4().hex[:8]}",
        "RECOURS_CHAT_HOURS": "1-7 00:00-23:59:59",
        "RECOURS_CHAT_CLOSED_ON_HOLIDAYS": "0",
        "RECOURS_CHAT_MAX_ACTIVE": str(args.conversations),
        "RECOURS_CHAT_RATE_MESSAGES": "1000",
        "RECOURS_CHAT_PRESENCE_SECONDS": "3600",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    servers = []
    try:
        subprocess.run([*manage, "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)
        subprocess.run([*manage, "load_taxonomy"], env=env, check=True, cwd=ROOT, capture_output=True)
        subprocess.run([*manage, "load_geo", "--departements", "44"], env=env, check=True, cwd=ROOT, capture_output=True)
        out = subprocess.run([*manage, "shell", "-c", SETUP % {"advisers": ADVISERS}], env=env, check=True, cwd=ROOT,
                             capture_output=True, text=True).stdout
        sessions = [(int(a), b) for a, b in re.findall(r"SESSION (\d+) (\S+)", out)]
        ports = [free_port(), free_port()]
        servers = [start_server(env, port) for port in ports]
        asyncio.run(bench(args, env, manage, ports, sessions))
        return 0
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        subprocess.run(["psql", f"{args.pg}/postgres", "-q", "-c", f"DROP DATABASE IF EXISTS {dbname} WITH (FORCE)"],
                       check=False)


async def bench(args, env, manage, ports, sessions):
    visitors, results = await run(args, ports)
    # The first N visitors are accepted; adviser k holds the visitors i with i % ADVISERS == k.
    plan = [[i, visitors[i][1], sessions[i % ADVISERS][0]] for i in range(args.conversations)]
    out = subprocess.run([*manage, "shell", "-c", ACCEPT], env=env, check=True, cwd=ROOT, input=json.dumps(plan),
                         capture_output=True, text=True).stdout
    conv_of = {int(i): int(pk) for i, pk in re.findall(r"CONV (\d+) (\d+)", out)}
    active = [conv_of[i] for i in range(args.conversations)]
    visitor_of = {conv_of[i]: visitors[i][0] for i in range(args.conversations)}
    pumps = [asyncio.create_task(side.pump(conv_of_visitor=conv_of.get(i))) for i, (side, _t, _p) in enumerate(visitors)]

    # Each adviser's socket is on the other process than (most of) their visitors.
    advisers: list[Side] = []
    for k, (_user_pk, key) in enumerate(sessions):
        held = [conv_of[i] for i in range(args.conversations) if i % ADVISERS == k]
        port = ports[(k + 1) % 2]  # visitor i sits on ports[i % 2]; k and i have the same parity
        ws = await websockets.connect(f"ws://127.0.0.1:{port}/ws/console/tchat/", origin=f"http://127.0.0.1:{port}",
                                      additional_headers={"Cookie": f"recours_session={key}"}, max_queue=256)
        side = Side(ws)
        for pk in held:
            await ws.send(json.dumps({"t": "watch", "conv": pk, "after": 0}))
        advisers.append(side)
        pumps.append(asyncio.create_task(side.pump()))
    await asyncio.sleep(2)
    for side in advisers:  # forget the history replayed by the watch (there is none with after=10**6)
        side.seen.clear()
    for side, _t, _p in visitors:
        side.seen.clear()

    sent: dict[str, tuple[float, str]] = {}  # cid -> (time sent, "to_adviser" | "to_visitor")
    receivers: dict[str, Side] = {}

    async def talk(i: int, pk: int):
        visitor = visitor_of[pk]
        adviser = advisers[i % ADVISERS]
        interval = 1.0 / args.rate
        start = time.perf_counter() + (i / len(active)) * interval  # spread the conversations
        n = 0
        while True:
            at = start + n * interval
            if at - start > args.duration:
                return
            await asyncio.sleep(max(0.0, at - time.perf_counter()))
            for who, sender, receiver, frame in (
                ("to_adviser", visitor, adviser, {"t": "msg"}),
                ("to_visitor", adviser, visitor, {"t": "msg", "conv": pk}),
            ):
                cid = f"{who[3]}{pk}-{n}"
                sent[cid] = (time.perf_counter(), who)
                receivers[cid] = receiver
                await sender.ws.send(json.dumps({**frame, "cid": cid, "body": f"Message {n} de la conversation {pk}."}))
            n += 1

    async def keep_alive(ws, frame):
        """What each page does every 15 s (visitor: `sync`; adviser: `beat`), on its own clock."""
        await asyncio.sleep(random.uniform(0, 15))
        while True:
            await ws.send(json.dumps(frame))
            await asyncio.sleep(15)

    keepers = [asyncio.create_task(keep_alive(side.ws, {"t": "beat"})) for side in advisers]
    keepers += [asyncio.create_task(keep_alive(visitor_of[pk].ws, {"t": "sync"})) for pk in active]
    t0 = time.perf_counter()
    await asyncio.gather(*(talk(i, pk) for i, pk in enumerate(active)))
    talk_seconds = time.perf_counter() - t0
    # Grace: wait until every acknowledged message has arrived, at most GRACE_SECONDS.
    deadline = time.perf_counter() + GRACE_SECONDS
    while time.perf_counter() < deadline:
        acked = {cid for side in [*advisers, *(v[0] for v in visitors)] for cid in side.acks}
        if all(cid in receivers[cid].arrivals for cid in acked) and len(acked) == len(sent):
            break
        await asyncio.sleep(0.5)

    latencies = {"to_adviser": [], "to_visitor": []}
    lost = unacked = 0
    acks = {cid: at for side in [*advisers, *(v[0] for v in visitors)] for cid, at in side.acks.items()}
    for cid, (at, who) in sent.items():
        arrival = receivers[cid].arrivals.get(cid)
        if arrival is None:
            if cid in acks:
                lost += 1
            else:
                unacked += 1
            continue
        latencies[who].append((arrival - at) * 1000)
    duplicates = sum(s.duplicates for s in advisers) + sum(s.duplicates for s, _t, _p in visitors)
    everything = latencies["to_adviser"] + latencies["to_visitor"]

    for task in keepers:
        task.cancel()
    for task in pumps:
        task.cancel()
    for side in advisers:
        await side.ws.close()
    for side, _t, _p in visitors:
        await side.ws.close()

    def line(name, values):
        return (f"  {name:<34} n={len(values):>6}  p50={percentile(values, 50):7.1f} ms  "
                f"p95={percentile(values, 95):7.1f} ms  p99={percentile(values, 99):7.1f} ms  "
                f"max={max(values) if values else float('nan'):7.1f} ms")

    print(f"recours chat bench — {os.cpu_count()} cores, 2 uvicorn processes, Redis layer, PostgreSQL")
    print(f"  visitor sockets open: {len(visitors)} (joined in {results['join_seconds']:.1f} s); "
          f"active conversations: {len(active)}; advisers: {ADVISERS}")
    print(f"  offered: {args.rate} msg/s per conversation and direction for {args.duration:.0f} s "
          f"= {2 * args.rate * len(active):.0f} msg/s (sending took {talk_seconds:.1f} s)")
    print("Delivery latency (send -> the other side's socket, across processes):")
    print(line("all messages", everything))
    print(line("visitor -> adviser", latencies["to_adviser"]))
    print(line("adviser -> visitor", latencies["to_visitor"]))
    print(f"  messages sent: {len(sent)}   lost (acknowledged, never delivered): {lost}   "
          f"never acknowledged: {unacked}   duplicated: {duplicates}")
    print("Floor, same processes (100 sockets x 20 round trips):")
    print(line("bare echo consumer", results["echo"]))
    print(line("echo through the Redis layer", results["echo_layer"]))
    p99 = percentile(everything, 99)
    verdict = "met" if p99 < TARGET_P99_MS and lost == 0 and duplicates == 0 and unacked == 0 else "NOT met"
    print(f"Target (p99 < {TARGET_P99_MS:.0f} ms, zero lost, zero duplicated): {verdict}")


if __name__ == "__main__":
    sys.exit(main())
