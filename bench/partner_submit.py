"""Report filing through the partner API: POST /api/v1/partner/reports with a partner key, against
the same production-like stack as bench/submit.py (whose machinery it reuses), side by side
with the anonymous POST /api/v1/reports at the same rates.

    .venv/bin/python bench/partner_submit.py [--rates 10,20] [--duration 15] [--database-url URL]

What the partner route adds to the anonymous one: the key's lookup (one indexed query on its
SHA-256, plus the update of its last use), the key's budget per minute (one counter), and the
PartnerReport row. Open loop, latency counted from the scheduled send time (see submit.py).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.submit import (  # noqa: E402
    HEADER, ROOT, TARGET_P95_MS, admin_url, bench_env, free_port, in_process_checks, manage, offer, report_body,
    server_errors, wait_ready,
)


def partner_key() -> str:
    """A partner on a structure of the directory, and a key allowed to file reports."""
    import datetime as dt

    from recours.directory.models import Structure
    from recours.partners import services

    structure = Structure.objects.create(source="bench", di_id="bench--partenaire", nom="Partenaire du banc",
                                         date_maj=dt.date.today())
    partner = services.partner_create(structure=structure, actor=None)
    _credential, key = services.credential_create(partner=partner, name="banc", scopes=["reports:write"], actor=None)
    from django.db import connection

    connection.close()
    return key


def payloads(communes, clients: int, key: str | None, count: int = 2000):
    rng, result = random.Random(42), []
    for i in range(count):
        headers = {"Content-Type": "application/json"}
        n = i % clients
        headers["X-Forwarded-For"] = f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"
        body = report_body(rng, communes)
        if key:
            headers["Authorization"] = f"Bearer {key}"
            body.update(share_with_partner=rng.random() < 0.7, contact_way=rng.choice(["direct", "partner"]))
        result.append((json.dumps(body).encode(), headers))
    return result


async def load(base, rates, duration, warmup, pause, anonymous, partner):
    import httpx

    limits = httpx.Limits(max_connections=2000, max_keepalive_connections=2000)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30.0) as client:
        results = {}
        for name, url, bodies in (("partner", "/api/v1/partner/reports", partner),
                                  ("anonymous", "/api/v1/reports", anonymous)):
            await offer(client, url, bodies, min(rates), warmup, name)  # warm-up, not measured
            results[name] = []
            for rate in rates:
                await asyncio.sleep(pause)
                run = await offer(client, url, bodies, rate, duration, name)
                print(run.row(), flush=True)
                results[name].append(run)
        return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rates", default="10,20")
    parser.add_argument("--duration", type=float, default=15.0)
    parser.add_argument("--warmup", type=float, default=5.0)
    parser.add_argument("--pause", type=float, default=3.0)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--settings", default="bench.settings")
    parser.add_argument("--database-url", default=f"postgres://postgres@127.0.0.1:5432/recours_bench_{os.getpid()}")
    args = parser.parse_args()
    rates = [float(r) for r in args.rates.split(",")]
    env = bench_env(args)
    env["RECOURS_PARTNER_API_RATE_PER_KEY"] = str(10**9)  # one key files the whole bench
    os.environ.update(env)
    maintenance, dbname = admin_url(args.database_url)
    print(f"{os.cpu_count()} cores shared by the generator, {args.workers} uvicorn workers and PostgreSQL; "
          f"load average before the start {os.getloadavg()[0]:.1f}.")
    server = None
    log_path = Path(tempfile.gettempdir()) / f"{dbname}.log"
    log = log_path.open("w")
    with psycopg.connect(maintenance, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{dbname}"')
    try:
        manage(env, "migrate", "--noinput")
        manage(env, "load_reference_data")
        with psycopg.connect(args.database_url) as db:
            db.execute("ANALYZE")
        communes: dict[str, str | None] = {}
        in_process_checks(communes)
        key = partner_key()
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "recours.asgi:application", "--host", "127.0.0.1", "--port", str(port),
             "--workers", str(args.workers), "--log-level", "warning", "--no-access-log"],
            cwd=ROOT, env=env, start_new_session=True, stdout=log, stderr=subprocess.STDOUT,
        )
        wait_ready(base, server)
        print(f"\nuvicorn --workers {args.workers}; {args.duration:g} s per rate, open loop\n\n{HEADER}")
        results = asyncio.run(load(base, rates, args.duration, args.warmup, args.pause,
                                   payloads(communes, args.clients, None), payloads(communes, args.clients, key)))
        print(f"\nHighest rate held (p95 < {TARGET_P95_MS:g} ms, zero errors):")
        for name, runs in results.items():
            held = [run.rate for run in runs if run.held()]
            print(f"  {name}: {f'{max(held):g}/s' if held else 'none of the rates tried'}")
        for line, count in server_errors(log_path):
            print(f"  server: {count} × {line}")
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, 9)
                server.wait()
        log.close()
        with psycopg.connect(maintenance, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')


if __name__ == "__main__":
    main()
