"""Observatory at scale: load N anonymised records into PostgreSQL, time every dashboard query.

    .venv/bin/python bench/observatory.py [--records 10000000] [--repeat 20] [--keep]
                                          [--database-url postgres://postgres@127.0.0.1:5432]

1. Creates a throw-away database (`recours_bench_obs_<pid>`, dropped at the end unless
   --keep), migrates it.
2. Loads --records synthetic records with COPY (five years, départements weighted by a
   skewed law, 1-3 criteria each, outcomes, delays) and prints the load rate.
3. Builds the rollups from them once (services.rollup_rebuild_postgresql), then ANALYZE.
4. Inserts --incremental more records through the real service path (one record, its
   rollup upserts, one transaction each) and prints that rate: how the rollups are kept up
   to date in production.
5. Runs the dashboard (selectors.dashboard_tables: every query a dashboard page makes) for
   several filter sets (national 12 months, national 5 years, a région, a département, a
   channel, a département and a channel) --repeat times each, and prints each query's
   p50/p95 and the whole dashboard's. Target: every query under 300 ms at p95.

Timings are wall-clock on this machine; other work on it distorts them (the script warns).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
import re
import secrets
import statistics
import sys
import time
import uuid
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGET_P95_MS = 300.0

CRITERIA = ["origine", "sexe", "situation_de_famille", "grossesse", "apparence_physique", "patronyme",
            "lieu_de_residence", "etat_de_sante", "handicap", "orientation_sexuelle", "identite_de_genre", "age",
            "activites_syndicales", "religion", "pretendue_race", "vulnerabilite_economique", "langue",
            "opinions_politiques", "moeurs", "perte_autonomie", "lanceur_alerte", "domiciliation_bancaire"]
DOMAINS = ["emploi_prive", "emploi_public", "logement", "education", "sante", "protection_sociale",
           "services_publics", "biens_services", "police_securite_justice", "autre"]
CHANNELS = ["form", "phone", "chat", "api"]
OUTCOMES = ["information", "orientation", "referral", "transfer", "out_of_scope", "no_follow_up"]
ROLES = ["victime", "temoin", "tiers", "professionnel", "lanceur_alerte"]


def departements() -> list[tuple[str, str]]:
    import json
    import gzip

    data = json.loads(gzip.decompress((ROOT / "recours/geo/data/geo.json.gz").read_bytes()))
    return [(code, region) for code, _name, region in data["departements"]]


def generate(n: int, seed: int = 7):
    """Rows for COPY, tab-separated, in the column order of COLUMNS."""
    rng = random.Random(seed)
    deps = departements()
    weights = [1 / (i + 1) ** 0.8 for i in range(len(deps))]
    rng.shuffle(weights)
    dep_cum = list(_cumulative(weights))
    channel_cum = list(_cumulative([60, 25, 10, 5]))
    domain_cum = list(_cumulative([30, 8, 22, 8, 6, 5, 8, 7, 5, 1]))
    crit_cum = list(_cumulative([1 / (i + 1) for i in range(len(CRITERIA))]))
    outcome_cum = list(_cumulative([40, 25, 8, 7, 12, 8]))
    start = dt.date.today().replace(day=1)
    months = []
    for i in range(60):
        year, month = divmod(start.month - 1 - i, 12)
        months.append(dt.date(start.year + year, month + 1, 1).isoformat())
    for _ in range(n):
        dep, region = deps[_pick(rng, dep_cum)]
        criteria = sorted({CRITERIA[_pick(rng, crit_cum)] for _ in range(rng.choice((1, 1, 1, 2, 2, 3)))})
        answer = min(int(rng.expovariate(1 / 3)), 90) if rng.random() < 0.9 else None
        closure = (answer or 0) + int(rng.expovariate(1 / 20))
        month = months[int(rng.triangular(0, 59, 0))]
        yield "\t".join([
            str(uuid.UUID(int=rng.getrandbits(128), version=4)), "closed", month, month, dep, region,
            rng.choice(["", "", "18-24", "25-34", "35-49", "50-64", "65+"]),
            "[" + ",".join(f'"{c}"' for c in criteria) + "]", "[]",
            DOMAINS[_pick(rng, domain_cum)], "discrimination", rng.choice(ROLES), CHANNELS[_pick(rng, channel_cum)],
            "employer", OUTCOMES[_pick(rng, outcome_cum)], "\\N" if answer is None else str(answer), str(closure), "",
            str(rng.randrange(256)),
        ]) + "\n"


COLUMNS = ["id", "stage", "month", "closed_month", "departement", "region", "age_band", "criteria",
           "related_situations", "domain", "situation_type", "reporter_role", "channel", "respondent_kind",
           "outcome", "days_to_first_answer", "days_to_closure", "excerpt", "cell_key"]


def _cumulative(weights):
    total, running = sum(weights), 0.0
    for w in weights:
        running += w / total
        yield running


def _pick(rng, cumulative) -> int:
    x = rng.random()
    lo, hi = 0, len(cumulative) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if cumulative[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--incremental", type=int, default=2000)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--keep", action="store_true", help="keep the database (prints its URL)")
    parser.add_argument("--reuse", help="use this existing, loaded database (name) instead of loading")
    args = parser.parse_args()

    load = os.getloadavg()[0]
    if load > 1.0:
        print(f"warning: load average {load:.1f} before the start: timings are distorted by other work")
    name = args.reuse or f"recours_bench_obs_{os.getpid()}"
    admin_url = args.database_url.rstrip("/") + "/postgres"
    if not args.reuse:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
    try:
        run(args, name)
    finally:
        if not args.keep and not args.reuse:
            from django.db import connections

            connections.close_all()
            with psycopg.connect(admin_url, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        else:
            print(f"database kept: {args.database_url.rstrip('/')}/{name}")


def run(args, name: str) -> None:
    from cryptography.fernet import Fernet

    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "recours.settings", "DJANGO_DEBUG": "0", "RECOURS_TLS": "0",
        "SECRET_KEY": secrets.token_urlsafe(50), "RECOURS_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "DATABASE_URL": f"{args.database_url.rstrip('/')}/{name}", "DATABASE_POOL": "0",
    })
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from recours.observatory.models import AnonymisedRecord, Stage
    from recours.observatory.selectors import Filters, Scope, dashboard_tables
    from recours.observatory.services import rollup_apply, rollup_rebuild_postgresql

    if not args.reuse:
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        batch = 500_000
        with connection.cursor() as cursor:
            raw = cursor.connection
            columns = ", ".join(COLUMNS)
            done = 0
            rows = generate(args.records)
            while done < args.records:
                size = min(batch, args.records - done)
                buffer = io.StringIO("".join(next(rows) for _ in range(size)))
                with raw.cursor().copy(f"COPY observatory_anonymisedrecord ({columns}) FROM STDIN") as copy:
                    while chunk := buffer.read(1 << 20):
                        copy.write(chunk)
                raw.commit()
                done += size
                print(f"  loaded {done:,} records ({done / (time.perf_counter() - started):,.0f}/s)", flush=True)
        loaded = time.perf_counter() - started
        print(f"load: {args.records:,} records in {loaded:.1f} s = {args.records / loaded:,.0f} records/s (COPY, "
              f"generation in Python included)")
        started = time.perf_counter()
        rollup_rebuild_postgresql()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"rollups built from the records in {time.perf_counter() - started:.1f} s")

    with connection.cursor() as cursor:
        for table in ("observatory_anonymisedrecord", "observatory_rollupcases", "observatory_rollupcriteria"):
            cursor.execute(f"SELECT count(*), pg_size_pretty(pg_total_relation_size('{table}')) FROM {table}")
            count, size = cursor.fetchone()
            print(f"  {table}: {count:,} rows, {size}")

    # incremental: the production path (a record and its rollup upserts, one transaction each)
    from django.db import transaction

    rows = [line.rstrip("\n").split("\t") for line, _ in zip(generate(args.incremental, seed=99), range(args.incremental))]
    started = time.perf_counter()
    for row in rows:
        values = dict(zip(COLUMNS, row))
        record = AnonymisedRecord(
            stage=Stage.CLOSED, month=values["month"], closed_month=values["closed_month"],
            departement=values["departement"], region=values["region"], criteria=eval(values["criteria"]),
            domain=values["domain"], channel=values["channel"], outcome=values["outcome"],
            reporter_role=values["reporter_role"],
            days_to_first_answer=None if values["days_to_first_answer"] == "\\N" else int(values["days_to_first_answer"]),
            days_to_closure=int(values["days_to_closure"]),
        )
        record.month = dt.date.fromisoformat(record.month)
        with transaction.atomic():
            record.save()
            rollup_apply([record])
    elapsed = time.perf_counter() - started
    print(f"incremental: {args.incremental:,} records inserted with their rollups in {elapsed:.1f} s = "
          f"{args.incremental / elapsed:,.0f} records/s ({1000 * elapsed / args.incremental:.1f} ms each)")

    # dashboard queries
    today = dt.date.today().replace(day=1)
    year_ago = (today - dt.timedelta(days=335)).replace(day=1)
    five_years = (today - dt.timedelta(days=365 * 5 - 20)).replace(day=1)
    filter_sets = {
        "national, 12 months": Filters(year_ago, today),
        "national, 5 years": Filters(five_years, today),
        "région 52, 12 months": Filters(year_ago, today, territory="r52"),
        "département 75, 5 years": Filters(five_years, today, territory="75"),
        "channel phone, 12 months": Filters(year_ago, today, channel="phone"),
        "département 44 + chat, 12 months": Filters(year_ago, today, territory="44", channel="chat"),
    }
    timings: dict[str, list[float]] = {}
    current: list[tuple[str, float]] = []

    def timer(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            current.append((sql, time.perf_counter() - started))

    names = ["month x domain", "département x domain", "outcome x domain", "criterion x domain", "answer times by month"]

    def label(index: int, sql: str) -> str:
        table = re.search(r'FROM "(\w+)"', sql)
        return f"{names[index] if index < len(names) else index} ({table.group(1) if table else '?'})"

    scope = Scope("public")
    print(f"\ndashboard (public scope, suppression on), {args.repeat} runs per filter set:")
    for title, filters in filter_sets.items():
        whole = []
        per_query: dict[str, list[float]] = {}
        for _ in range(args.repeat):
            current.clear()
            started = time.perf_counter()
            with connection.execute_wrapper(timer):
                dashboard_tables(filters, scope)
            whole.append(time.perf_counter() - started)
            for index, (sql, seconds) in enumerate(current):
                per_query.setdefault(label(index, sql), []).append(seconds)
        print(f"  {title}: whole dashboard p50 {1000 * statistics.median(whole):.0f} ms, "
              f"p95 {1000 * percentile(whole, 95):.0f} ms")
        for query, values in per_query.items():
            p95 = 1000 * percentile(values, 95)
            timings.setdefault(query, []).extend(values)
            flag = "" if p95 < TARGET_P95_MS else "  OVER TARGET"
            print(f"      {query:<60} p50 {1000 * statistics.median(values):6.1f} ms  p95 {p95:6.1f} ms{flag}")
    worst = max(percentile(v, 95) for v in timings.values()) * 1000
    print(f"\nworst query p95 over all filter sets: {worst:.0f} ms (target < {TARGET_P95_MS:.0f} ms)")


if __name__ == "__main__":
    main()
