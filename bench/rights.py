"""Know your rights: server time of the public pages (the list, searches, every situation).

    .venv/bin/python bench/rights.py [--requests 300] [--database-url URL]

Without --database-url it runs on a throw-away SQLite file; with a PostgreSQL URL
(`postgres://postgres@127.0.0.1:5432/recours_bench_rights`) it creates that database and drops
it at the end. It migrates, loads the taxonomies and the shipped rights pages, then, in-process
with production settings (DEBUG off, the real middleware, templates and database; no network),
times `--requests` GETs of each kind: the list, a search by words, a search by ground and
domain, and situation pages drawn among all of them. Prints p50/p95/max in ms per kind.
Target (issue 22): p95 < 100 ms for each page.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import environment  # noqa: E402
TARGET_P95_MS = 100.0
QUERIES = ["logement", "enceinte", "handicap travail", "refus de soins", "police", "nom", "discothèque", "accent"]




def timed(client, urls: list[str], requests: int, rng: random.Random) -> list[float]:
    for url in urls[:3]:  # warm-up: templates, caches, connection
        client.get(url)
    times = []
    for _ in range(requests):
        url = rng.choice(urls)
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}")
    return times


def row(label: str, times: list[float]) -> str:
    p95 = statistics.quantiles(times, n=100)[94]
    ok = "yes" if p95 < TARGET_P95_MS else "NO"
    return f"| {label} | {len(times)} | {statistics.median(times):.1f} | {p95:.1f} | {max(times):.1f} | {ok} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    folder = tempfile.TemporaryDirectory()
    url = args.database_url or f"sqlite:///{folder.name}/bench_rights.sqlite3"
    environment(url)
    postgres = url.startswith("postgres")
    if postgres:
        import psycopg

        parts = urllib.parse.urlsplit(url)
        maintenance = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
        dbname = parts.path.lstrip("/")
        with psycopg.connect(maintenance, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{dbname}"')
            conn.execute(f'CREATE DATABASE "{dbname}"')
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the start; database: {'PostgreSQL' if postgres else 'SQLite'}")
    try:
        import django

        django.setup()
        import logging

        logging.getLogger("recours.request").setLevel(logging.WARNING)  # one line per request otherwise
        from django.core.management import call_command
        from django.db import connections
        from django.test import Client

        from recours.rights.models import RightsPage
        from recours.rights.services import rights_load
        from recours.taxonomy.services import taxonomy_load

        call_command("migrate", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        taxonomy_load()
        rights_load()
        slugs = list(RightsPage.objects.values_list("slug", flat=True))
        client = Client()
        kinds = {
            "list (/droits/)": ["/droits/"],
            "search by words": [f"/droits/?q={urllib.parse.quote(q)}" for q in QUERIES],
            "search by ground and domain": ["/droits/?motif=handicap&domaine=", "/droits/?motif=&domaine=logement",
                                            "/droits/?motif=origine&domaine=emploi_prive"],
            f"situation page ({len(slugs)})": [f"/droits/{slug}/" for slug in slugs],
        }
        print("\n| page | requests | p50 ms | p95 ms | max ms | p95 < 100 ms |\n|---|---:|---:|---:|---:|---|")
        for label, urls in kinds.items():
            print(row(label, timed(client, urls, args.requests, rng)), flush=True)
        connections.close_all()
    finally:
        if postgres:
            with psycopg.connect(maintenance, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
        folder.cleanup()


if __name__ == "__main__":
    main()
