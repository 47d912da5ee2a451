"""Directory at scale: import speed, then search time, with 100,000 services over France.

    .venv/bin/python bench/directory.py [--services 100000] [--searches 400] [--database-url URL] [--keep]

Without --database-url it runs on PostgreSQL (a throw-away database at 127.0.0.1:5432, dropped
at the end); `--database-url sqlite:///var/bench_directory.sqlite3` runs it on SQLite.

It loads the reference data, then writes a data·inclusion export (structures and services,
JSON, in a temporary folder) of `--services` services spread over France — around real
commune centres, zones of eligibility mixed as in real directories (70 % a département, 20 % a
few communes, 8 % a région, 2 % the whole country), criteria and domains with 40 % of
generalists — and imports it with `directory_import`, printing rows per second (target:
5,000 or more). Then it times `directory_search` (what the page and the API call) for typical
queries — a postal code drawn among all communes, 0 to 2 criteria, a domain or none, some with
"open now" or a reception mode — and prints p50/p95/p99 (target p95: 25 ms on PostgreSQL,
50 ms on SQLite), and the same through the API (`GET /api/v1/directory/search`).
"""

from __future__ import annotations

import argparse
import json
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

TARGET_ROWS_PER_S = 5000
TARGET_P95_MS = {"postgresql": 25.0, "sqlite": 50.0}
KINDS = ["ecoute", "information-juridique", "accompagnement-juridique", "soutien-psychologique", "mediation",
         "aide-depot-plainte", "test-de-situation"]
HOURS = ["Mo-Fr 09:00-17:00", "Mo-Fr 09:00-12:00,14:00-18:00; PH off", "Tu,Th 14:00-18:00", "24/7",
         "Mo-Sa 10:00-19:00", "We 18:00-21:00; Sa 14:00-18:00", ""]




def export_write(folder: Path, count: int, rng: random.Random) -> tuple[Path, Path]:
    """A data·inclusion export in two files, as their API gives it."""
    from recours.geo.models import Commune
    from recours.taxonomy.models import Criterion, Domain

    communes = list(Commune.objects.filter(active=True, latitude__isnull=False).values_list(
        "insee_code", "name", "departement_id", "region_id", "latitude", "longitude"))
    by_departement: dict[str, list] = {}
    for commune in communes:
        by_departement.setdefault(commune[2], []).append(commune)
    criteria = list(Criterion.objects.values_list("code", flat=True))
    domains = list(Domain.objects.values_list("code", flat=True))
    today = time.strftime("%Y-%m-%d")
    structures, services = [], []
    structure_count = max(1, count // 5)
    for s in range(structure_count):
        insee, name, dep, region, lat, lon = rng.choice(communes)
        structures.append({
            "source": "bench", "id": f"bench--s{s}", "nom": f"Structure {s} de {name}"[:150], "date_maj": today,
            "code_insee": insee, "commune": name, "latitude": lat, "longitude": lon,
            "telephone": f"02619{s % 100000:05d}", "courriel": f"s{s}@exemple.org",
        })
    for n in range(count):
        structure = structures[n % structure_count]
        insee = structure["code_insee"]
        _insee, _name, dep, region, _lat, _lon = by_code(communes, insee)
        draw = rng.random()
        if draw < 0.70:
            zone = [dep]
        elif draw < 0.90:
            zone = [c[0] for c in rng.sample(by_departement[dep], min(3, len(by_departement[dep])))]
        elif draw < 0.98:
            zone = [f"region:{region}"]
        else:
            zone = ["france"]
        services.append({
            "source": "bench", "structure_id": structure["id"], "id": f"bench--v{n}",
            "nom": f"Service {n} — {structure['commune']}"[:150],
            "description": "Accueil, écoute et information sur les droits face aux discriminations.",
            "date_maj": today, "type": "accompagnement", "frais": "gratuit", "publics": ["tous-publics"],
            "code_insee": insee, "latitude": structure["latitude"] + rng.uniform(-0.02, 0.02),
            "longitude": structure["longitude"] + rng.uniform(-0.02, 0.02),
            "modes_accueil": rng.choice([["en-presentiel"], ["a-distance"], ["a-distance", "en-presentiel"]]),
            "zone_eligibilite": zone, "horaires_accueil": rng.choice(HOURS),
            "criteres": [] if rng.random() < 0.4 else rng.sample(criteria, rng.randint(1, 4)),
            "domaines": [] if rng.random() < 0.4 else rng.sample(domains, rng.randint(1, 3)),
            "types_aide": rng.sample(KINDS, rng.randint(1, 3)),
            "langues": ["fr"] + (["en"] if rng.random() < 0.2 else []) + (["ar"] if rng.random() < 0.1 else []),
        })
    structures_file, services_file = folder / "structures.json", folder / "services.json"
    structures_file.write_text(json.dumps(structures, ensure_ascii=False), encoding="utf-8")
    services_file.write_text(json.dumps(services, ensure_ascii=False), encoding="utf-8")
    return structures_file, services_file


_BY_CODE: dict = {}


def by_code(communes, insee):
    if not _BY_CODE:
        _BY_CODE.update({c[0]: c for c in communes})
    return _BY_CODE[insee]


def queries(count: int, rng: random.Random) -> list[dict]:
    from recours.geo.models import PostalCode
    from recours.taxonomy.models import Criterion, Domain

    postal_codes = sorted(set(PostalCode.objects.values_list("code", flat=True)))
    criteria = list(Criterion.objects.values_list("code", flat=True))
    domains = list(Domain.objects.values_list("code", flat=True))
    made = []
    for _ in range(count):
        query = {
            "postal_code": rng.choice(postal_codes),
            "criteria": rng.sample(criteria, rng.choice([0, 1, 1, 2])),
            "domain": rng.choice(domains + [""]),
        }
        draw = rng.random()
        if draw < 0.1:
            query["open_now"] = True
        elif draw < 0.2:
            query["mode_accueil"] = "en-presentiel"
        made.append(query)
    return made


def percentiles(times: list[float]) -> str:
    q = statistics.quantiles(times, n=100)
    return f"{statistics.median(times):.1f} / {q[94]:.1f} / {q[98]:.1f} / {max(times):.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--services", type=int, default=100_000)
    parser.add_argument("--searches", type=int, default=400)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--database-url", default=f"postgres://postgres@127.0.0.1:5432/recours_bench_directory_{os.getpid()}")
    parser.add_argument("--keep", action="store_true", help="keep the database")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    environment(args.database_url)
    is_pg = args.database_url.startswith("postgres")
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the start"
          + (" (other work shares these cores: figures are noisier)" if os.getloadavg()[0] > 0.5 else ""))
    if is_pg:
        import psycopg

        parts = urllib.parse.urlsplit(args.database_url)
        maintenance = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
        dbname = parts.path.lstrip("/")
        with psycopg.connect(maintenance, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{dbname}"')
    else:
        path = Path(args.database_url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
    try:
        import warnings

        import django

        warnings.filterwarnings("ignore", message="No directory at")
        django.setup()
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client

        from recours.directory.imports import directory_import
        from recours.directory.models import Service
        from recours.directory.selectors import directory_search, place_from_postal_code

        call_command("migrate", verbosity=0)
        call_command("load_reference_data", verbosity=0)
        vendor = connection.vendor
        print(f"Database: {vendor}. Writing a data·inclusion export of {args.services:,} services...")
        with tempfile.TemporaryDirectory() as folder:
            structures_file, services_file = export_write(Path(folder), args.services, rng)
            if os.environ.get("BENCH_PROFILE"):
                import cProfile
                import pstats

                profile = cProfile.Profile()
                profile.enable()
            report = directory_import(services_file, structures_source=structures_file)
            if os.environ.get("BENCH_PROFILE"):
                profile.disable()
                pstats.Stats(profile).sort_stats("tottime").print_stats(20)
        assert report.written and not report.rejected, report.rejected[:5]
        verdict = "yes" if report.rows_per_second >= TARGET_ROWS_PER_S else "NO"
        print(f"Import: {report.rows:,} rows in {report.seconds:.1f} s = {report.rows_per_second:,.0f} rows/s "
              f"(target ≥ {TARGET_ROWS_PER_S:,}: {verdict}); "
              + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in report.phases.items()))
        print(f"Services in the directory: {Service.objects.count():,}")
        if vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

        timed = queries(args.searches, rng)
        for query in timed[:20]:  # warm-up: caches, connection
            directory_search(place=place_from_postal_code(query["postal_code"]),
                             **{k: v for k, v in query.items() if k != "postal_code"})
        times, sizes = [], []
        for query in timed:
            start = time.perf_counter()
            found = directory_search(place=place_from_postal_code(query["postal_code"]),
                                     **{k: v for k, v in query.items() if k != "postal_code"})
            times.append((time.perf_counter() - start) * 1000)
            sizes.append(len(found.local))
        client = Client()
        api_times = []
        for query in timed[: min(200, len(timed))]:
            params = {k: v for k, v in query.items() if v not in ("", [], False)}
            start = time.perf_counter()
            response = client.get("/api/v1/directory/search", params)
            api_times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, response.content[:200]
        target = TARGET_P95_MS[vendor]
        p95 = statistics.quantiles(times, n=100)[94]
        print(f"\n{len(times)} searches (postal code, 0–2 criteria, a domain or none; 20 % with a filter); "
              f"local results per search: median {statistics.median(sizes):.0f}")
        print("| what | p50 / p95 / p99 / max ms |\n|---|---|")
        print(f"| directory_search | {percentiles(times)} |")
        print(f"| GET /api/v1/directory/search (in-process) | {percentiles(api_times)} |")
        print(f"\nSearch p95 {p95:.1f} ms (target < {target:.0f} ms on {vendor}): {'yes' if p95 < target else 'NO'}")
        connection.close()
    finally:
        if is_pg and not args.keep:
            import psycopg

            with psycopg.connect(maintenance, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')


if __name__ == "__main__":
    main()
