"""Report submission under load: POST /api/v1/reports against a production-like stack.

    .venv/bin/python bench/submit.py [--rates 10,20,40,80] [--duration 20] [--database-url URL]

It creates a throw-away PostgreSQL database (dropped at the end, even on failure),
migrates it, loads the reference data, and serves it as in production: uvicorn with
one worker per core, DEBUG off, the default (production) Argon2 cost for receipts.
Then, for each rate, it offers that many reports per second, and the same rates to a
"floor" endpoint (bench/urls.py: one ORM insert, same processes, same middleware),
so the report's own cost can be read as a ratio to the cheapest possible write.

Open loop, not closed loop. A closed-loop generator (N clients, each sending its next
request when the previous answer arrives) slows down when the server does: a server
that stalls for a second receives fewer requests during that second, and the requests
that would have waited are simply never sent. This is "coordinated omission": the
stall shows in one sample instead of in every request it would have delayed, and the
percentiles look much better than what real users, who do not wait for each other,
get. Here request i is sent at the scheduled time t0 + i/R whatever happens to the
others, and its latency is counted from that scheduled time, not from when it was
actually sent: if the generator itself falls behind, the delay is charged to the
result (and shown as "lag"), never hidden.
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
import tempfile
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psycopg

ROOT = Path(__file__).resolve().parent.parent
TARGET_P95_MS = 150.0
POSTAL_CODES = ["44000", "75011", "69003", "13001", "33000", "31000", "59000", "67000", "35000", "97400"]
ROLES = ["victime", "temoin", "tiers", "professionnel", "lanceur_alerte"]
PERIODS = ["en_cours", "semaine", "mois", "six_mois", "an", "cinq_ans", "plus"]
CRITERIA = ["origine", "sexe", "situation_de_famille", "grossesse", "apparence_physique", "patronyme",
            "lieu_de_residence", "etat_de_sante", "handicap", "orientation_sexuelle", "identite_de_genre",
            "age", "activites_syndicales", "religion", "pretendue_race", "vulnerabilite_economique"]
DOMAINS = ["emploi_prive", "emploi_public", "logement", "education", "sante", "protection_sociale",
           "services_publics", "biens_services", "police_securite_justice", "autre"]
STEPS = ["plainte", "main_courante", "employeur", "syndicat", "association", "defenseur", "avocat", "inspection"]
SENTENCES = [
    "J'ai répondu à une annonce pour un appartement de deux pièces près de la gare.",
    "Quand je me suis présentée avec mon dossier complet, la personne a regardé mon nom et a changé d'attitude.",
    "On m'a dit que le propriétaire préférait « un profil plus classique », sans autre précision.",
    "Une amie a appelé le lendemain avec un autre nom et on lui a proposé une visite le jour même.",
    "Mon responsable m'a annoncé la fin de mon contrat juste après l'annonce de ma grossesse.",
    "Le vigile m'a demandé de sortir du magasin alors que les autres clients entraient librement.",
    "À l'accueil de la mairie, on a refusé mon dossier en me disant de revenir avec un interprète.",
    "Le médecin a refusé de me recevoir quand il a appris que j'avais la complémentaire santé solidaire.",
    "Lors d'un contrôle, les agents ont fait des remarques sur ma couleur de peau devant mes enfants.",
    "Mon fils, en fauteuil, n'a pas pu être inscrit à la cantine faute d'aménagement, nous a-t-on dit.",
    "L'offre d'emploi précisait « jeune équipe dynamique, moins de trente ans ».",
    "J'ai gardé les courriels échangés et une personne présente accepte de témoigner.",
    "Je voudrais savoir si c'est une discrimination et ce que je peux faire.",
]

Payload = tuple[bytes, dict[str, str]]  # a JSON body and its headers


def narrative(rng: random.Random) -> str:
    """Plausible French text, 300 to 1500 characters."""
    target, text = rng.randint(300, 1500), ""
    while len(text) < target:
        text += rng.choice(SENTENCES) + " "
    return text[:1500].strip()


def report_body(rng: random.Random, communes: dict[str, str | None]) -> dict:
    code = rng.choice(POSTAL_CODES)
    body = {
        "role": rng.choice(ROLES), "narrative": narrative(rng), "postal_code": code,
        "period": rng.choice(PERIODS), "criteria": rng.sample(CRITERIA, rng.randint(0, 3)),
        "domain": rng.choice(DOMAINS), "consent": True,
        "steps_taken": ["rien"] if rng.random() < 0.5 else rng.sample(STEPS, rng.randint(1, 2)),
    }
    if communes.get(code):  # a postal code shared by several communes needs one chosen
        body["commune"] = communes[code]
    return body


def payloads(communes: dict[str, str | None], clients: int, count: int = 2000) -> list[Payload]:
    """Varied reports, made before the run; from `clients` addresses (as a trusted proxy forwards them)."""
    rng, result = random.Random(42), []
    for i in range(count):
        headers = {"Content-Type": "application/json"}
        if clients > 1:
            n = i % clients
            headers["X-Forwarded-For"] = f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"
        result.append((json.dumps(report_body(rng, communes)).encode(), headers))
    return result


@dataclass
class Run:
    name: str
    rate: float
    latencies: list[float] = field(default_factory=list)  # seconds, from the scheduled send time
    lags: list[float] = field(default_factory=list)  # actual send - scheduled send
    errors: Counter = field(default_factory=Counter)
    span: float = 0.0  # from t0 to the last answer
    cpu: float = 0.0  # the generator's own CPU seconds

    def pct(self, p: float) -> float:
        data = sorted(self.latencies) or [float("nan")]
        return data[min(len(data) - 1, int(p / 100 * len(data)))] * 1000

    def held(self) -> bool:
        return not self.errors and self.pct(95) < TARGET_P95_MS

    def row(self) -> str:
        ok = len(self.latencies) - sum(self.errors.values())
        errors = ", ".join(f"{k}×{v}" for k, v in self.errors.most_common()) or "0"
        lag = sorted(self.lags)[int(0.99 * (len(self.lags) - 1))] * 1000 if self.lags else 0.0
        return (f"| {self.name} | {self.rate:g} | {ok / self.span if self.span else 0:.1f} | {self.pct(50):.0f} | "
                f"{self.pct(95):.0f} | {self.pct(99):.0f} | {self.pct(100):.0f} | {errors} | {lag:.1f} | "
                f"{100 * self.cpu / self.span if self.span else 0:.0f} % |")


HEADER = ("| endpoint | offered/s | achieved/s | p50 ms | p95 ms | p99 ms | max ms | errors | gen lag p99 ms "
          "| gen CPU |\n|---|---:|---:|---:|---:|---:|---:|---|---:|---:|")


async def offer(client: httpx.AsyncClient, url: str, payloads: list[Payload], rate: float, duration: float,
                name: str) -> Run:
    """Send rate*duration requests at t0 + i/rate, never waiting for answers; latency from schedule."""
    run, loop = Run(name, rate), asyncio.get_running_loop()

    async def one(payload: Payload, scheduled: float) -> None:
        run.lags.append(loop.time() - scheduled)
        try:
            response = await client.post(url, content=payload[0], headers=payload[1])
            if response.status_code != 201:
                run.errors[str(response.status_code)] += 1
        except httpx.HTTPError as exc:
            run.errors[type(exc).__name__] += 1
        run.latencies.append(loop.time() - scheduled)

    count = int(rate * duration)
    cpu0, t0 = time.process_time(), loop.time() + 0.05
    tasks = []
    for i in range(count):
        scheduled = t0 + i / rate
        if (delay := scheduled - loop.time()) > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(payloads[i % len(payloads)], scheduled)))
    await asyncio.gather(*tasks)
    run.span, run.cpu = max(loop.time() - t0, count / rate), time.process_time() - cpu0
    return run


async def load(base: str, rates: list[float], duration: float, warmup: float, pause: float,
               reports: list[Payload]) -> tuple[list[Run], list[Run]]:
    limits = httpx.Limits(max_connections=2000, max_keepalive_connections=2000)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30.0, http1=True, http2=False) as client:
        results: dict[str, list[Run]] = {}
        for name, url in (("reports", "/api/v1/reports"), ("floor", "/bench/floor")):
            await offer(client, url, reports, min(rates), warmup, name)  # warm-up, not measured
            results[name] = []
            for rate in rates:
                await asyncio.sleep(pause)
                run = await offer(client, url, reports, rate, duration, name)
                print(run.row(), flush=True)
                results[name].append(run)
        return results["reports"], results["floor"]


@dataclass
class Overload:
    """One open-loop run past capacity: every answer's status, latency and receipt."""

    name: str
    rate: float
    duration: float
    statuses: Counter = field(default_factory=Counter)
    latencies: dict[str, list[float]] = field(default_factory=dict)  # by status, seconds from schedule
    receipts: list[str] = field(default_factory=list)
    lags: list[float] = field(default_factory=list)  # actual send - scheduled send (the generator's own delay)

    def lag_p99(self) -> float:
        return sorted(self.lags)[int(0.99 * (len(self.lags) - 1))] * 1000 if self.lags else 0.0

    def pct(self, status: str, p: float) -> float:
        data = sorted(self.latencies.get(status, [])) or [float("nan")]
        return data[min(len(data) - 1, int(p / 100 * len(data)))] * 1000

    def goodput(self) -> float:
        return self.statuses["201"] / self.duration


async def post_report(client: httpx.AsyncClient, payload: Payload, run: Overload, scheduled: float) -> None:
    loop = asyncio.get_running_loop()
    run.lags.append(loop.time() - scheduled)
    try:
        response = await client.post("/api/v1/reports", content=payload[0], headers=payload[1])
        status = str(response.status_code)
        if status == "201":
            run.receipts.append(response.json()["receipt"])
    except httpx.HTTPError as exc:
        status = type(exc).__name__
    run.statuses[status] += 1
    run.latencies.setdefault(status, []).append(loop.time() - scheduled)


async def capacity(client: httpx.AsyncClient, reports: list[Payload], clients: int, duration: float) -> Overload:
    """Closed loop: `clients` senders, each sending its next report when the previous is answered
    (after a pause of 0.25 s when it was a 503, as a client honouring Retry-After would, shorter).
    What the server completes per second so is its capacity: its slots are kept full (there are
    twice as many senders as slots, as keep-alive connections are not spread evenly over the
    workers) and no queue builds up."""
    loop = asyncio.get_running_loop()
    run, end, counter = Overload("capacity", 0.0, duration), loop.time() + duration, iter(range(10**9))

    async def sender() -> None:
        while loop.time() < end:
            refused = run.statuses["503"]
            await post_report(client, reports[next(counter) % len(reports)], run, loop.time())
            if run.statuses["503"] > refused:
                await asyncio.sleep(0.25)

    await asyncio.gather(*(sender() for _ in range(clients)))
    return run


async def open_loop(client: httpx.AsyncClient, reports: list[Payload], rate: float, duration: float,
                    name: str) -> Overload:
    run, loop = Overload(name, rate, duration), asyncio.get_running_loop()
    t0, tasks = loop.time() + 0.05, []
    for i in range(int(rate * duration)):
        scheduled = t0 + i / rate
        if (delay := scheduled - loop.time()) > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(post_report(client, reports[i % len(reports)], run, scheduled)))
    await asyncio.gather(*tasks)
    return run


async def overload(base: str, reports: list[Payload], multiples: list[float], duration: float, pause: float,
                   senders: int, warmup: float) -> tuple[Overload, list[Overload]]:
    limits = httpx.Limits(max_connections=4000, max_keepalive_connections=4000)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30.0) as client:
        await capacity(client, reports, senders, warmup)  # warm-up, not measured
        await asyncio.sleep(pause)
        cap = await capacity(client, reports, senders, duration)
        runs = []
        for multiple in multiples:
            await asyncio.sleep(pause)
            runs.append(await open_loop(client, reports, multiple * cap.goodput(), duration, f"{multiple:g}×"))
        return cap, runs


def receipts_open_their_case(receipts: list[str]) -> int:
    """How many receipts open their case, checked through the selector the follow-up uses."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    from recours.casework.selectors import case_for_receipt

    def opens(receipt: str) -> bool:
        try:
            return case_for_receipt(receipt) is not None
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:  # Argon2 releases the GIL
        return sum(pool.map(opens, receipts))


def overload_report(cap: Overload, runs: list[Overload], load_before: float) -> bool:
    print(f"\nCapacity (closed loop, {cap.duration:g} s): {cap.goodput():.1f} reports/s "
          f"(statuses {dict(cap.statuses)}; p50 {cap.pct('201', 50):.0f} ms, p95 {cap.pct('201', 95):.0f} ms)\n")
    print("| offered | offered/s | answers | 201/s (goodput) | goodput / capacity | 201 p95 ms | 503 p95 ms "
          "| 503 max ms | only 201/503 | gen lag p99 ms |\n|---|---:|---|---:|---:|---:|---:|---:|---|---:|")
    ok = True
    for run in runs:
        only = set(run.statuses) <= {"201", "503"}
        ratio = run.goodput() / cap.goodput() if cap.goodput() else 0.0
        p95_503 = run.pct("503", 95)
        answers = ", ".join(f"{k}×{v}" for k, v in run.statuses.most_common())
        print(f"| {run.name} | {run.rate:.1f} | {answers} | {run.goodput():.1f} | {ratio:.0%} | "
              f"{run.pct('201', 95):.0f} | {p95_503:.0f} | {run.pct('503', 100):.0f} | {'yes' if only else 'NO'} | "
              f"{run.lag_p99():.0f} |")
        ok &= only and ratio >= 0.9 and not p95_503 >= 100  # nan (no 503) passes
    receipts = cap.receipts + [r for run in runs for r in run.receipts]
    opened = receipts_open_their_case(receipts)
    print(f"\nReceipts of every 201 ({len(receipts)}): {opened} open their case"
          f"{'' if opened == len(receipts) else ' — SOME DO NOT'}.")
    ok &= opened == len(receipts)
    print(f"Targets (only 201/503, 503 p95 < 100 ms, goodput >= 90 % of capacity, every receipt opens its case): "
          f"{'MET' if ok else 'MISSED'}. Load average: {load_before:.1f} before, "
          f"{os.getloadavg()[0]:.1f} / {os.getloadavg()[1]:.1f} (1 / 5 min) after.")
    return ok


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def admin_url(url: str) -> tuple[str, str]:
    """The maintenance database's URL on the same server, and the bench database's name."""
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path="/postgres")), parts.path.lstrip("/")


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args, "-v", "0"], cwd=ROOT, env=env, check=True)


def wait_ready(base: str, server: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"uvicorn exited with status {server.returncode}")
        try:
            if httpx.get(base + "/api/v1/openapi.json", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError("uvicorn did not answer in time")


def in_process_checks(communes: dict[str, str | None]) -> None:
    """Argon2 parameters and the time of one receipt hash here; communes of the postal codes."""
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from recours.core.receipts import receipt_generate, receipt_hash
    from recours.geo.selectors import communes_for_postal_code

    times = []
    for _ in range(11):
        start = time.perf_counter()
        receipt_hash(receipt_generate())
        times.append(time.perf_counter() - start)
    print(f"Argon2id receipt hash: time_cost={settings.RECOURS_RECEIPT_ARGON2_TIME_COST}, "
          f"memory={settings.RECOURS_RECEIPT_ARGON2_MEMORY_KIB} KiB, parallelism=1 (production defaults); "
          f"one hash in-process: median {statistics.median(times[1:]) * 1000:.1f} ms (min {min(times) * 1000:.1f})")
    for code in POSTAL_CODES:
        found = communes_for_postal_code(code)
        if not found:
            raise RuntimeError(f"postal code {code} is unknown to the reference data")
        communes[code] = found[0].insee_code if len(found) > 1 else None
    connection.close()
    start = time.perf_counter()
    connection.ensure_connection()  # a fresh connection, as each request opens one (CONN_MAX_AGE=0)
    print(f"one new PostgreSQL connection (connect + Django's setup): {(time.perf_counter() - start) * 1000:.1f} ms")
    connection.close()


def server_errors(path: Path) -> list[tuple[str, int]]:
    """The exceptions the server logged (last line of each traceback), most frequent first."""
    found = re.findall(r"^[\w.]+(?:Error|Exception): .{0,100}", path.read_text(errors="replace"), re.MULTILINE)
    return Counter(found).most_common(5)


def bench_env(args: argparse.Namespace) -> dict[str, str]:
    """The server's environment: production settings, fresh keys, the bench's few changes."""
    from cryptography.fernet import Fernet

    env = {
        **os.environ, "DJANGO_SETTINGS_MODULE": args.settings,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "DATABASE_URL": args.database_url, "DJANGO_DEBUG": "0", "RECOURS_TLS": "0", "ALLOWED_HOSTS": "127.0.0.1",
        "SECRET_KEY": "".join(secrets.choice("abcdefghijklmnopqrstuvwxyz0123456789!@#%^&*(-_=+)") for _ in range(50)),
        "RECOURS_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        # ASGI runs each request's sync code in a thread of its own: a persistent connection
        # would never be reused, only leaked (Django's docs: disable them under ASGI).
        "DATABASE_CONN_MAX_AGE": "0",
        # The per-client hourly limit would stop the bench (with --clients 1: at once).
        "RECOURS_API_REPORT_RATE_PER_CLIENT": str(10**9),
        # As behind a reverse proxy: the client address (for rate limits only) is X-Forwarded-For's.
        "RECOURS_TRUSTED_PROXIES": "1" if args.clients > 1 else "0",
        "PYTHONWARNINGS": "ignore:No directory at:UserWarning",  # whitenoise: no collectstatic, no static served
    }
    for name in ("RECOURS_RECEIPT_ARGON2_TIME_COST", "RECOURS_RECEIPT_ARGON2_MEMORY_KIB", "RECOURS_RECEIPT_SALT"):
        env.pop(name, None)  # production defaults, whatever the caller's shell says
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rates", default="10,20,40,80", help="reports per second, comma-separated")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds measured per rate")
    parser.add_argument("--warmup", type=float, default=5.0, help="seconds of warm-up per endpoint")
    parser.add_argument("--pause", type=float, default=3.0, help="seconds between rates")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--clients", type=int, default=1000,
                        help="client addresses, sent as X-Forwarded-For behind one trusted proxy (1: none)")
    parser.add_argument("--settings", default="bench.settings", help="settings module (must keep ROOT_URLCONF)")
    parser.add_argument("--overload", action="store_true",
                        help="measure capacity (closed loop), then offer --multiples of it (open loop) instead of --rates")
    parser.add_argument("--multiples", default="2,4", help="with --overload: multiples of the capacity offered")
    parser.add_argument("--senders", type=int, default=0,
                        help="with --overload: closed-loop senders measuring capacity (default: twice what the server "
                             "admits at once, 2 × workers × RECOURS_ADMISSION_CONCURRENCY)")
    parser.add_argument("--database-url", default=f"postgres://postgres@127.0.0.1:5432/recours_bench_{os.getpid()}")
    args = parser.parse_args()
    rates = [float(r) for r in args.rates.split(",")]

    env = bench_env(args)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    maintenance, dbname = admin_url(args.database_url)
    print(f"{os.cpu_count()} cores, shared by the load generator (1 process), the server ({args.workers} uvicorn "
          "workers) and PostgreSQL: the numbers are a lower bound for a dedicated server.")
    if (load1 := os.getloadavg()[0]) > 0.5:
        print(f"WARNING: load average {load1:.1f} before the start: other work shares these cores, "
              "the results will be worse and noisier than the stack's own.")
    print(f"API per-client limit raised to {env['RECOURS_API_REPORT_RATE_PER_CLIENT']}/h for the bench; "
          f"{args.clients} client address(es); CONN_MAX_AGE=0 (ASGI).")

    server: subprocess.Popen | None = None
    log_path = Path(tempfile.gettempdir()) / f"{dbname}.log"
    log = log_path.open("w")
    with psycopg.connect(maintenance, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{dbname}"')
    try:
        manage(env, "migrate", "--noinput")
        manage(env, "load_reference_data")
        with psycopg.connect(args.database_url) as db:  # what autovacuum would do soon after a load
            db.execute("ANALYZE")
        communes: dict[str, str | None] = {}
        in_process_checks(communes)
        reports = payloads(communes, args.clients)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "recours.asgi:application", "--host", "127.0.0.1", "--port", str(port),
             "--workers", str(args.workers), "--log-level", "warning", "--no-access-log"],
            cwd=ROOT, env=env, start_new_session=True, stdout=log, stderr=subprocess.STDOUT,
        )
        wait_ready(base, server)
        if args.overload:
            from django.conf import settings

            senders = args.senders or 2 * args.workers * settings.RECOURS_ADMISSION_CONCURRENCY
            print(f"\nuvicorn --workers {args.workers} on {base}; admission: {settings.RECOURS_ADMISSION_CONCURRENCY} "
                  f"at once per worker, {settings.RECOURS_ADMISSION_WAIT_MS} ms wait, "
                  f"{settings.RECOURS_HASH_CONCURRENCY} hashes at once; pool max "
                  f"{env.get('DATABASE_POOL_MAX_SIZE', 20)}, timeout {env.get('DATABASE_POOL_TIMEOUT', 3)} s; "
                  f"{senders} closed-loop senders for the capacity; {args.duration:g} s per run")
            load_before = os.getloadavg()[0]
            cap, runs = asyncio.run(overload(base, reports, [float(m) for m in args.multiples.split(",")],
                                             args.duration, args.pause, senders, args.warmup))
            overload_report(cap, runs, load_before)
            print(f"\nServer log: {log_path}")
            for line, count in server_errors(log_path):
                print(f"  {count} × {line}")
            return
        print(f"\nuvicorn --workers {args.workers} on {base}; {args.duration:g} s per rate, open loop\n\n{HEADER}")
        report_runs, floor_runs = asyncio.run(load(base, rates, args.duration, args.warmup, args.pause, reports))
        print(f"\nHighest rate held (p95 < {TARGET_P95_MS:g} ms, zero errors):")
        for name, runs in (("reports", report_runs), ("floor", floor_runs)):
            held = [run.rate for run in runs if run.held()]
            print(f"  {name}: {f'{max(held):g}/s' if held else 'none of the rates tried'}")
        print("\n| rate/s | report/floor p50 | report/floor p95 |\n|---:|---:|---:|")
        for rep, flo in zip(report_runs, floor_runs):
            print(f"| {rep.rate:g} | {rep.pct(50) / flo.pct(50):.1f}× | {rep.pct(95) / flo.pct(95):.1f}× |")
        print(f"\nServer log: {log_path}")
        for line, count in server_errors(log_path):
            print(f"  {count} × {line}")
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, 9)  # its own session: uvicorn and its workers only
                server.wait()
        log.close()
        with psycopg.connect(maintenance, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')


if __name__ == "__main__":
    main()
