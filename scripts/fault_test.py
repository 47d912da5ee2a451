"""Driver of the fault test (run by scripts/fault_test.sh, which builds the network and the data services).

Starts two web nodes and a task worker in their namespaces, periodic runners on every node,
a small SMTP sink; offers reports (API) and chats (WebSocket, visitors and one adviser) through
nginx; SIGKILLs web1 mid-load, cuts web2 from Redis for 10 s, SIGKILLs the worker while mails
are pending, restarts each; then checks that nothing was lost or done twice and prints a table.
"""

import asyncio
import collections
import json
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psycopg
import websockets
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(os.environ["FT_WORK"])
HOST, NET, P = os.environ["FT_HOST_IP"], os.environ["FT_NET"], os.environ["FT_PREFIX"]
PG = f"postgresql://postgres@{HOST}:{os.environ['FT_PG_PORT']}/recours"
PROXY = f"127.0.0.1:{os.environ['FT_PROXY_PORT']}"
NODES = {"web1": f"{NET}.11", "web2": f"{NET}.12", "worker": f"{NET}.13"}
REDIS_PORT, SMTP_PORT = os.environ["FT_REDIS_PORT"], int(os.environ["FT_SMTP_PORT"])
TIMEOUT = 15  # a request or an acknowledgement slower than this is a hang
VISITORS = 6

ENV = {
    **{k: v for k, v in os.environ.items() if not k.startswith(("RECOURS_", "DJANGO_", "DATABASE_"))},
    "DJANGO_SETTINGS_MODULE": "recours.settings",
    "DJANGO_DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "RECOURS_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
    "RECOURS_RECEIPT_SALT": secrets.token_urlsafe(32),
    "DATABASE_URL": f"postgres://postgres@{HOST}:{os.environ['FT_BOUNCER_PORT']}/recours",
    "RECOURS_PGBOUNCER": "1",
    "DATABASE_POOL_MAX_SIZE": "8",
    "REDIS_URL": f"redis://{HOST}:{REDIS_PORT}/0",
    "RECOURS_TLS": "0",
    "RECOURS_TRUSTED_PROXIES": "1",
    "ALLOWED_HOSTS": f"127.0.0.1,{NET}.11,{NET}.12",
    "RECOURS_TASKS_BACKEND": "database",
    "EMAIL_HOST": HOST, "EMAIL_PORT": str(SMTP_PORT),
    "RECOURS_CHAT_HOURS": "1-7 00:00-23:59:59", "RECOURS_CHAT_CLOSED_ON_HOLIDAYS": "0",
    "RECOURS_CHAT_MAX_ACTIVE": "100", "RECOURS_CHAT_RATE_MESSAGES": "1000",
    "RECOURS_CHAT_RATE_MESSAGES_PER_CLIENT": "100000", "RECOURS_REPORT_RATE_PER_CLIENT": "100000",
    "RECOURS_API_REPORT_RATE_PER_CLIENT": "100000", "RECOURS_RECEIPT_RATE_PER_CLIENT": "100000",
    "RECOURS_RECEIPT_RATE_GLOBAL": "100000",
    # Receipts hashed with 1 MiB instead of 19: the machine is shared; the paths are the same.
    "RECOURS_RECEIPT_ARGON2_MEMORY_KIB": "1024",
    "RECOURS_PDF_WARM_UP": "0", "RECOURS_OBSERVATORY_SCRUB_WARMUP": "0",
}
T0 = time.monotonic()
PROCS: dict[str, subprocess.Popen] = {}
EVENTS: list[tuple[float, str]] = []
KILLED_AT: dict[str, float] = {}


def log(text: str) -> None:
    EVENTS.append((time.monotonic() - T0, text))
    print(f"[{time.monotonic() - T0:6.1f}s] {text}", flush=True)


def start(name: str, ns: str, *command: str) -> None:
    out = open(WORK / f"{name}.log", "ab")
    PROCS[name] = subprocess.Popen(["ip", "netns", "exec", f"{P}-{ns}", sys.executable, *command],
                                   env=ENV, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    with open(WORK / "pids", "a") as pids:
        pids.write(f"{PROCS[name].pid}\n")


def start_web(node: str) -> None:
    start(node, node, "-m", "uvicorn", "recours.asgi:application", "--host", "0.0.0.0", "--port", "8000",
          "--log-level", "warning")


def kill(name: str) -> None:
    KILLED_AT[name] = time.monotonic()
    PROCS[name].send_signal(signal.SIGKILL)
    PROCS[name].wait()


async def ready(node: str) -> None:
    async with httpx.AsyncClient() as http:
        for _ in range(240):
            try:
                if (await http.get(f"http://{NODES[node]}:8000/readyz", timeout=2)).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.5)
    raise RuntimeError(f"{node} never became ready (see {WORK}/{node}.log)")


def helper(*args: str) -> str:
    result = subprocess.run([sys.executable, "scripts/fault_test_django.py", *args], env=ENV, cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    if result.returncode:
        raise RuntimeError(f"fault_test_django.py {args[0]} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def sql(query: str, *params) -> list[tuple]:
    with psycopg.connect(PG) as conn:
        return conn.execute(query, params).fetchall()


# --- the SMTP sink: counts each mail received, by recipient ---------------------------------
MAILS: collections.Counter = collections.Counter()


async def smtp_session(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    rcpts: list[str] = []
    writer.write(b"220 sink\r\n")
    while line := await reader.readline():
        verb = line[:4].upper()
        if verb == b"DATA":
            writer.write(b"354 go\r\n")
            while (data := await reader.readline()) not in (b".\r\n", b""):
                pass
            if data == b"":
                return  # cut before the end of the message: not received
            MAILS.update(rcpts)
            rcpts = []
            writer.write(b"250 queued\r\n")
        elif verb == b"RCPT":
            rcpts.append(line.decode().split(":", 1)[1].strip().strip("<>"))
            writer.write(b"250 ok\r\n")
        elif verb == b"QUIT":
            writer.write(b"221 bye\r\n")
            await writer.drain()
            writer.close()
            return
        else:  # EHLO, HELO, MAIL, RSET, NOOP
            writer.write(b"250 ok\r\n")
        await writer.drain()


# --- traffic: reports ----------------------------------------------------------------------
class Phase:
    name = "start"


PHASE = Phase()
STATUSES: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
RECEIPTS: list[str] = []
EMAILS: list[str] = []
STOP = asyncio.Event()


def report(n: int) -> dict:
    return {
        "role": "victime", "narrative": f"Signalement {n} : on m'a refusé un logement à cause de mon nom.",
        "postal_code": "44000", "commune": "44109", "period": "mois", "criteria": ["patronyme"],
        "domain": "logement", "consent": True,
        "contact": {"email": f"personne{n}@exemple.fr", "notify_by_email": True},
    }


async def reporter(index: int) -> None:
    n = index
    async with httpx.AsyncClient(base_url=f"http://{PROXY}", timeout=TIMEOUT) as http:
        while not STOP.is_set():
            phase, started = PHASE.name, time.monotonic()
            try:
                response = await http.post("/api/v1/reports", json=report(n))
                if response.status_code == 502 and started <= KILLED_AT.get("web1", -1):
                    phase = "web1 killed"  # in flight on web1 when it was killed: counted with the kill
                STATUSES[phase][response.status_code] += 1
                if response.status_code == 201:
                    RECEIPTS.append(response.json()["receipt"])
                    EMAILS.append(f"personne{n}@exemple.fr")
                    n += 100
                elif response.status_code == 503:
                    await asyncio.sleep(float(response.headers.get("Retry-After", "1")))
            except httpx.TimeoutException:
                STATUSES[phase]["hang"] += 1
            except httpx.TransportError:
                STATUSES[phase]["transport"] += 1
            await asyncio.sleep(0.2)


# --- traffic: chats ------------------------------------------------------------------------
WS = f"ws://{PROXY}"
ORIGIN = f"http://{PROXY}"


async def drain(ws, on, seconds: float = 3.0) -> None:
    """Read what the server still sends (the answer to a last sync or beat) for a few seconds."""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        try:
            on(json.loads(await asyncio.wait_for(ws.recv(), left)))
        except asyncio.TimeoutError:
            return


class Visitor:
    def __init__(self, number: int):
        self.number, self.token, self.conv = number, None, None
        self.seen: dict[int, dict] = {}  # id -> frame received
        self.duplicates = 0
        self.outbox: dict[str, float] = {}  # cid -> when first sent, until acknowledged
        self.sent: set[str] = set()
        self.acked: dict[str, int] = {}
        self.reconnects = 0

    def last(self) -> int:
        return max(self.seen, default=0)

    async def connect(self):
        ws = await websockets.connect(f"{WS}/ws/tchat/", origin=ORIGIN, open_timeout=TIMEOUT)
        if self.token is None:
            await ws.send(json.dumps({"t": "start", "postal_code": "44000"}))
        else:
            await ws.send(json.dumps({"t": "resume", "token": self.token, "after": self.last()}))
            for cid in list(self.outbox):  # resend what was not acknowledged: stored once
                await ws.send(json.dumps({"t": "msg", "cid": cid, "body": f"Message {cid}"}))
        return ws

    def on(self, frame: dict) -> None:
        if frame["t"] == "started":
            self.token = frame["token"]
        elif frame["t"] == "m":
            if frame["id"] in self.seen:
                self.duplicates += 1
            self.seen[frame["id"]] = frame
        elif frame["t"] == "ack":
            self.outbox.pop(frame["cid"], None)
            self.acked[frame["cid"]] = frame["id"]
        elif frame["t"] in ("offline", "limited") and self.token is None:
            # No adviser present yet, or the node is past capacity: start again shortly, as the page
            # lets a person do (a fresh node answers "limited" while it warms up on a slow machine).
            raise ConnectionError(f"start answered {frame['t']}")
        elif frame["t"] in ("refused", "error", "limited", "offline", "unknown"):
            log(f"visitor {self.number}: {frame['t']} {frame.get('message', '')}")

    async def run(self, accepted: asyncio.Event) -> None:
        count = 0
        while True:
            try:
                ws = await self.connect()
                try:
                    while True:
                        try:
                            self.on(json.loads(await asyncio.wait_for(ws.recv(), 1.0)))
                        except asyncio.TimeoutError:
                            pass
                        now = time.monotonic()
                        if any(now - sent > TIMEOUT for sent in self.outbox.values()):
                            raise ConnectionError("no acknowledgement")  # a stuck node: reconnect
                        if STOP.is_set():
                            if not self.outbox:
                                await ws.send(json.dumps({"t": "sync"}))
                                await drain(ws, self.on)
                                return
                        elif accepted.is_set() and self.token and len(self.outbox) < 3:
                            count += 1
                            cid = f"v{self.number}-{count}"
                            self.outbox[cid], self.sent = now, self.sent | {cid}
                            await ws.send(json.dumps({"t": "msg", "cid": cid, "body": f"Message {cid}"}))
                            await ws.send(json.dumps({"t": "sync"}))
                finally:
                    await ws.close()
            except (OSError, ConnectionError, websockets.WebSocketException, asyncio.TimeoutError):
                self.reconnects += 1
                await asyncio.sleep(0.5)


class Adviser:
    def __init__(self, session: str):
        self.session, self.convs = session, []
        self.seen: dict[int, dict[int, dict]] = collections.defaultdict(dict)
        self.duplicates, self.reconnects = 0, 0
        self.outbox: dict[str, tuple[int, float]] = {}
        self.sent: dict[str, int] = {}

    def on(self, frame: dict) -> None:
        if frame["t"] == "m":
            self.duplicates += frame["id"] in self.seen[frame["conv"]]
            self.seen[frame["conv"]][frame["id"]] = frame
        elif frame["t"] == "ack":
            self.outbox.pop(frame["cid"], None)
        elif frame["t"] in ("refused", "error", "closed"):
            log(f"adviser: {frame['t']} {frame.get('message', '')}")

    async def run(self) -> None:
        count = 0
        while True:
            try:
                async with websockets.connect(f"{WS}/ws/console/tchat/", origin=ORIGIN, open_timeout=TIMEOUT,
                                              additional_headers={"Cookie": f"recours_session={self.session}"}) as ws:
                    await ws.send(json.dumps({"t": "beat"}))
                    watched = set()
                    for cid, (conv, _) in list(self.outbox.items()):
                        await ws.send(json.dumps({"t": "msg", "conv": conv, "cid": cid, "body": f"Réponse {cid}"}))
                    last_beat = time.monotonic()
                    while True:
                        try:
                            self.on(json.loads(await asyncio.wait_for(ws.recv(), 0.5)))
                        except asyncio.TimeoutError:
                            pass
                        for conv in set(self.convs) - watched:
                            await ws.send(json.dumps({"t": "watch", "conv": conv,
                                                      "after": max(self.seen[conv], default=0)}))
                            watched.add(conv)
                        now = time.monotonic()
                        if any(now - sent > TIMEOUT for _, sent in self.outbox.values()):
                            raise ConnectionError("no acknowledgement")
                        if now - last_beat > 3:
                            await ws.send(json.dumps({"t": "beat"}))
                            last_beat = now
                            if STOP.is_set() and not self.outbox:
                                await drain(ws, self.on)
                                return
                            if not STOP.is_set() and self.convs and len(self.outbox) < len(self.convs):
                                for conv in self.convs:
                                    count += 1
                                    cid = f"a{conv}-{count}"
                                    self.outbox[cid], self.sent[cid] = (conv, now), conv
                                    await ws.send(json.dumps({"t": "msg", "conv": conv, "cid": cid,
                                                              "body": f"Réponse {cid}"}))
            except (OSError, ConnectionError, websockets.WebSocketException, asyncio.TimeoutError):
                self.reconnects += 1
                await asyncio.sleep(0.5)


async def until(condition, seconds: float, what: str) -> None:
    """Wait for a condition, and fail the run (never hang it) when it does not come in time."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"not reached in {seconds:.0f} s: {what}")
        await asyncio.sleep(0.2)


# --- the scenario --------------------------------------------------------------------------
async def scenario() -> dict:
    sink = await asyncio.start_server(smtp_session, HOST, SMTP_PORT)
    migrate_env = {**ENV, "DATABASE_URL": PG.replace("postgresql", "postgres")}
    migrate_env.pop("RECOURS_PGBOUNCER")
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], env=migrate_env, cwd=ROOT, check=True)
    session = helper("setup").split("SESSION=")[1].strip()
    log("database migrated, reference data loaded, adviser logged in")
    for node in ("web1", "web2"):
        start_web(node)
    start("worker", "worker", "manage.py", "db_worker", "--interval", "0.5")
    for node in ("web1", "web2", "worker"):  # one periodic runner per node: each job once per period
        start(f"periodic-{node}", node, "manage.py", "run_periodic", "--loop", "5")
    await ready("web1"), await ready("web2")
    log("web1, web2 ready; worker and 3 periodic runners started")

    PHASE.name = "load"
    adviser = Adviser(session)  # first: its beats make the team available for chats
    adviser_task = asyncio.create_task(adviser.run())
    reporters = [asyncio.create_task(reporter(i)) for i in range(3)]
    visitors = [Visitor(i) for i in range(VISITORS)]
    accepted = asyncio.Event()
    visitor_tasks = [asyncio.create_task(v.run(accepted)) for v in visitors]
    await until(lambda: all(v.token for v in visitors), 120, "every visitor's chat started")
    adviser.convs = [int(line) for line in (await asyncio.to_thread(helper, "accept")).split()]
    accepted.set()
    log(f"{len(adviser.convs)} chats accepted; reports and chat messages flowing")
    await asyncio.sleep(15)

    PHASE.name = "web1 killed"
    kill("web1")
    log("web1 SIGKILLed mid-load")
    await asyncio.sleep(5)
    start_web("web1")
    await ready("web1")
    log("web1 restarted and ready")
    PHASE.name = "load"
    await asyncio.sleep(10)

    PHASE.name = "web2 cut from Redis"
    rule = ["ip", "netns", "exec", f"{P}-web2", "iptables", "-A", "OUTPUT", "-d", HOST, "-p", "tcp",
            "--dport", REDIS_PORT, "-j", "DROP"]
    subprocess.run(rule, check=True)
    log("web2: packets to Redis dropped")
    async with httpx.AsyncClient(timeout=TIMEOUT) as http:
        await asyncio.sleep(3)
        readyz = (await http.get(f"http://{NODES['web2']}:8000/readyz")).status_code
    log(f"web2 /readyz while cut: {readyz}")
    await asyncio.sleep(7)
    subprocess.run([*rule[:5], "-D", *rule[6:]], check=True)
    log("web2: Redis reachable again")
    PHASE.name = "load"
    await asyncio.sleep(10)

    PHASE.name = "worker killed"
    emails = list(EMAILS[:60])
    replying = asyncio.create_task(asyncio.to_thread(helper, "reply", *emails))
    await until(lambda: sql("SELECT count(*) FROM core_outboundmail")[0][0] >= 15, 120, "15 mails queued")
    kill("worker")
    pending_at_kill = sql("SELECT count(*) FROM core_outboundmail WHERE status = 'pending'")[0][0]
    log(f"worker SIGKILLed with {pending_at_kill} mails pending")
    await replying
    await asyncio.sleep(5)
    start("worker", "worker", "manage.py", "db_worker", "--interval", "0.5")
    log("worker restarted")
    PHASE.name = "load"
    await asyncio.sleep(5)

    STOP.set()
    await asyncio.gather(*reporters)
    await asyncio.wait_for(asyncio.gather(*visitor_tasks, adviser_task), 120)
    log("traffic stopped; waiting for every mail to go")
    for _ in range(240):  # a mail whose task died with the worker is sent by the mail.retry job (1 min)
        if not sql("SELECT count(*) FROM core_outboundmail WHERE status <> 'sent'")[0][0]:
            break
        await asyncio.sleep(1)
    await asyncio.sleep(3)  # a duplicate would come now, if any
    sink.close()
    return {"visitors": visitors, "adviser": adviser, "emails": emails, "pending_at_kill": pending_at_kill,
            "readyz_cut": readyz}


# --- the checks ----------------------------------------------------------------------------
async def receipts_open() -> tuple[int, int]:
    """Each 201's receipt opens its case (the follow-up API, through the proxy)."""
    opened, semaphore = 0, asyncio.Semaphore(4)
    async with httpx.AsyncClient(base_url=f"http://{PROXY}", timeout=TIMEOUT) as http:
        async def check(receipt: str) -> bool:
            async with semaphore:
                for _ in range(5):
                    response = await http.get("/api/v1/followup", headers={"X-Receipt": receipt})
                    if response.status_code != 503:
                        return response.status_code == 200
                    await asyncio.sleep(1)
                return False
        opened = sum(await asyncio.gather(*(check(r) for r in RECEIPTS)))
    return opened, len(RECEIPTS)


def chat_check(visitors, adviser) -> dict:
    rows = sql("SELECT conversation_id, seq, author, client_id FROM chat_chatmessage ORDER BY conversation_id, seq")
    stored = collections.defaultdict(list)
    for conv, seq, author, cid in rows:
        stored[conv].append((seq, author, cid))
    lost = duplicated = gaps = undelivered = 0
    for visitor in visitors:
        messages = stored[visitor.conv]
        seqs = [seq for seq, _, _ in messages]
        gaps += seqs != list(range(1, len(seqs) + 1))
        cids = collections.Counter((author, cid) for _, author, cid in messages)
        duplicated += sum(n - 1 for n in cids.values())
        lost += sum(("visitor", cid) not in cids for cid in visitor.sent)
        lost += sum(("adviser", cid) not in cids for cid, conv in adviser.sent.items() if conv == visitor.conv)
        # Delivered: the visitor got every message stored, the adviser every one of the visitor's.
        missing = [("visitor", seq, author) for seq, author, _ in messages if seq not in visitor.seen]
        missing += [("adviser", seq, author) for seq, author, _ in messages
                    if author == "visitor" and seq not in adviser.seen[visitor.conv]]
        if missing:
            log(f"conversation {visitor.conv} ({len(seqs)} messages): not delivered (to, id, author) {missing[:5]}")
        undelivered += len(missing)
    return {"sent": sum(len(v.sent) for v in visitors) + len(adviser.sent), "stored": len(rows), "lost": lost,
            "duplicated": duplicated, "gaps": gaps, "undelivered": undelivered,
            "duplicates_received": sum(v.duplicates for v in visitors) + adviser.duplicates,
            "reconnects": sum(v.reconnects for v in visitors) + adviser.reconnects}


def periodic_check() -> list[tuple[str, int, float, float]]:
    """Per job: runs enqueued, its period, the shortest gap between two runs (never under the period)."""
    periods = dict(sql("SELECT name, extract(epoch FROM next_due_at - last_started_at) FROM core_periodicrun"))
    runs = collections.defaultdict(list)
    for args, at in sql("SELECT args_kwargs, enqueued_at FROM django_tasks_database_dbtaskresult "
                        "WHERE task_path LIKE '%%periodic_job_run' ORDER BY enqueued_at"):
        runs[args["args"][0]].append(at)
    result = []
    for name, times in sorted(runs.items()):
        gaps = [(b - a).total_seconds() for a, b in zip(times, times[1:])]
        result.append((name, len(times), float(periods.get(name, 0)), min(gaps, default=float("inf"))))
    return result


def main() -> int:
    try:
        outcome = asyncio.run(scenario())
        for visitor in outcome["visitors"]:
            visitor.conv = sql("SELECT id FROM chat_conversation WHERE visitor_token_hash = "
                               "encode(sha256(convert_to(%s, 'UTF8')), 'hex')", visitor.token)[0][0]
        opened, reports = asyncio.run(receipts_open())
        chat = chat_check(outcome["visitors"], outcome["adviser"])
        periodic = periodic_check()
    finally:
        for name, process in PROCS.items():
            process.send_signal(signal.SIGTERM)
        for process in PROCS.values():
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
    expected = collections.Counter(outcome["emails"])
    mails_once = sum(MAILS[e] == 1 for e in expected)
    mails_twice = sum(n > 1 for n in MAILS.values())
    mails_unexpected = sum(1 for e in MAILS if e not in expected)
    bad_status = {phase: {s: n for s, n in counts.items() if s not in (201, 503) and not
                          (phase == "web1 killed" and s == 502)} for phase, counts in STATUSES.items()}
    checks = [
        ("reports: every 201's receipt opens its case", f"{opened}/{reports}", opened == reports and reports > 0),
        ("chat: messages lost (stored)", chat["lost"], chat["lost"] == 0),
        ("chat: messages stored twice", chat["duplicated"], chat["duplicated"] == 0),
        ("chat: ids with a gap (conversations)", chat["gaps"], chat["gaps"] == 0),
        ("chat: stored but never delivered", chat["undelivered"], chat["undelivered"] == 0),
        ("mails sent exactly once", f"{mails_once}/{len(expected)}",
         mails_once == len(expected) and not mails_twice and not mails_unexpected),
        ("worker killed with mails pending", outcome["pending_at_kill"], outcome["pending_at_kill"] > 0),
        ("periodic jobs: never twice in a period", ", ".join(f"{n} {c}x" for n, c, _, _ in periodic),
         all(gap >= period - 1 for _, _, period, gap in periodic) and bool(periodic)),
        ("no 500, no hang (502 only for web1's requests in flight)", json.dumps(bad_status),
         not any(bad_status.values())),
        ("web2 /readyz while cut from Redis", outcome["readyz_cut"], outcome["readyz_cut"] == 503),
    ]
    print("\nHTTP answers to POST /api/v1/reports, by phase")
    print(f"| {'phase':<22} | " + " | ".join(f"{s!s:>5}" for s in (201, 502, 503, 500, "hang")) + " |")
    for phase, counts in STATUSES.items():
        print(f"| {phase:<22} | " + " | ".join(f"{counts.get(s, 0):>5}" for s in (201, 502, 503, 500, "hang")) + " |")
    print(f"\nchat: {chat['sent']} messages sent, {chat['stored']} stored (with system lines), "
          f"{chat['reconnects']} reconnections, {chat['duplicates_received']} duplicate frames received (dropped by id)")
    print(f"mails: {sum(MAILS.values())} received by the SMTP sink for {len(expected)} replies")
    for name, count, period, gap in periodic:
        print(f"periodic {name}: {count} runs, period {period:.0f} s, shortest gap {gap:.0f} s")
    print(f"\n| {'check':<58} | {'result':<28} | ok |")
    for name, value, ok in checks:
        print(f"| {name:<58} | {str(value):<28} | {'yes' if ok else 'NO'} |")
    print(f"\ntotal {time.monotonic() - T0:.0f} s")
    return 0 if all(ok for _, _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
