"""Respondents at scale: the search as you type, and the repeat signal of the case page.

    .venv/bin/python bench/respondents.py [--respondents 200000] [--cases 1000000] [--searches 400] [--pages 400]
                                          [--database-url URL] [--keep]

On PostgreSQL (a throw-away database at 127.0.0.1:5432, dropped at the end). It loads the
reference data, creates `--respondents` organisations with names as people write them (legal
forms before, after or in parentheses; 40 trades × 150 surnames or 24 place words, often with
one of the communes of 6 départements, so that a query's words match tens of names as in a
real register, not thousands) through bulk inserts,
then `--cases` cases copied in SQL from one case made by the services (so the million rows take
seconds, not hours), spread over 2 years and 6 teams, each naming one respondent drawn from a
skewed distribution (respondent k has a share ~ 1/sqrt(k): a few are named by thousands of cases,
most by one or two).

Then it times, as the adviser's pages call them:
* `collective.selectors.respondent_search` for what an adviser types: prefixes of real names
  (3 letters and more), with their legal form written another way, with a typo; p50/p95/p99
  (target p95: 50 ms);
* `collective.selectors.repeat_signals` for case pages drawn at random among the cases of a
  team (so respondents named by many cases come up as often as they do in the queue); p95
  (target: 10 ms).
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import environment  # noqa: E402

TARGET_SEARCH_P95_MS = 50.0
TARGET_SIGNAL_P95_MS = 10.0
FORMS = ["SCI", "SARL", "SAS", "SA", "EURL", "SASU", "SNC", "S.C.I.", "S.A.R.L."]
HEADS = ["Agence", "Immobilière", "Cabinet", "Résidence", "Groupe", "Boulangerie", "Garage", "Clinique", "Restaurant",
         "Transports", "Hôtel", "Pharmacie", "Foncière", "Gestion", "Habitat", "Bâtiment", "Intérim", "Conseil",
         "Boucherie", "Café", "Coiffure", "Menuiserie", "Plomberie", "Électricité", "Auto-école", "Laboratoire",
         "Crèche", "Supermarché", "Librairie", "Imprimerie", "Sécurité", "Nettoyage", "Logistique", "Bureau d'études",
         "Cave", "Fromagerie", "Optique", "Ambulances", "Taxis", "Pressing"]
SURNAMES = """Martin Bernard Thomas Petit Robert Richard Durand Dubois Moreau Laurent Simon Michel Lefebvre Leroy Roux
David Bertrand Morel Fournier Girard Bonnet Dupont Lambert Fontaine Rousseau Vincent Muller Lefevre Faure Andre
Mercier Blanc Guerin Boyer Garnier Chevalier Francois Legrand Gauthier Garcia Perrin Robin Clement Morin Nicolas
Henry Roussel Mathieu Gautier Masson Marchand Duval Denis Dumont Marie Lemaire Noel Meyer Dufour Meunier Brun
Blanchard Giraud Joly Riviere Lucas Brunet Gaillard Barbier Arnaud Martinez Gerard Roche Renard Schmitt Roy
Leroux Colin Vidal Caron Picard Roger Fabre Aubert Lemoine Renaud Dumas Lacroix Olivier Philippe Bourgeois Pierre
Benoit Rey Leclerc Payet Rolland Leclercq Guillaume Lecomte Lopez Jean Dupuy Guillot Hubert Berger Carpentier
Sanchez Dupuis Moulin Louis Deschamps Huet Vasseur Perez Boucher Fleury Royer Klein Jacquet Adam Paris Poirier
Marty Aubry Guyot Carre Charles Renault Charpentier Menard Maillard Baron Bertin Bailly Herve Schneider Fernandez
Gall Collet Leger Bouvier Julien Prevost Millet Perrot Daniel Rouxel Cousin Germain Breton Besson Langlois""".split()
PLACES = ["des Tilleuls", "du Port", "de l'Erdre", "Saint-Michel", "les Acacias", "du Centre", "de la Gare", "Atlantique",
          "Horizon", "du Lac", "des Lilas", "Océane", "Loire", "du Marché", "de la Plage", "des Écoles", "du Château",
          "des Vignes", "du Parc", "Belle Vue", "des Quais", "du Moulin", "de l'Église", "du Stade"]




def a_name(rng: random.Random, communes: list[str]) -> str:
    """A company name as people write it: a trade and a surname or a place, often a commune."""
    second = rng.choice(SURNAMES) if rng.random() < 0.6 else rng.choice(PLACES)
    core = f"{rng.choice(HEADS)} {second}"
    if rng.random() < 0.6:
        core += f" {rng.choice(communes)}"
    form = rng.choice(FORMS)
    return rng.choice([f"{form} {core}", f"{core} {form}", f"{core} ({form})", core])


def typed(rng: random.Random, name: str) -> tuple[str, str]:
    """What an adviser types for a name, and which kind of typing: the start of the name as
    typed so far, the whole name with another spelling of its legal form, or a typo."""
    from recours.collective.names import name_normalise

    words = name_normalise(name).split()
    choice = rng.random()
    if choice < 0.4:  # as you type: the first words and a prefix of the next one
        cut = rng.randint(1, len(words))
        text = " ".join(words[:cut])
        return "start", text[: max(3, len(text) - rng.randint(0, 4))]
    if choice < 0.7:
        return "legal form", f"{rng.choice(FORMS)} {' '.join(words).upper()}"
    text = " ".join(words)
    position = rng.randrange(len(text))
    return "typo", text[:position] + text[position + 1:]  # one letter missed


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    q = statistics.quantiles(samples, n=100)
    return statistics.median(samples), q[94], q[98]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--respondents", type=int, default=200_000)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--searches", type=int, default=400)
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--database-url", default=f"postgres://postgres@127.0.0.1:5432/recours_bench_respondents_{os.getpid()}")
    parser.add_argument("--keep", action="store_true", help="keep the database")
    parser.add_argument("--reuse", action="store_true", help="time again on a database kept by --keep (no loading)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    environment(args.database_url)
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the start"
          + (" (other work shares these cores: figures are noisier)" if os.getloadavg()[0] > 0.5 else ""))
    import psycopg

    parts = urllib.parse.urlsplit(args.database_url)
    maintenance = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    dbname = parts.path.lstrip("/")
    if not args.reuse:
        with psycopg.connect(maintenance, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{dbname}"')
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        if not args.reuse:
            call_command("migrate", verbosity=0)
            call_command("load_reference_data", verbosity=0)
        run(args, rng, connection)
    finally:
        if not (args.keep or args.reuse):
            from django.db import connections

            connections.close_all()
            with psycopg.connect(maintenance, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')


def run(args, rng, connection) -> None:
    from recours.casework.models import Case
    from recours.collective.selectors import repeat_signals, respondent_search

    if args.reuse:
        from django.contrib.auth import get_user_model

        from recours.accounts.models import Team

        adviser = get_user_model().objects.get(username="bench.adviser")
        team = Team.objects.get(name="Département 44")
        names = list(respondent_names())
    else:
        adviser, team, names = load(args, rng, connection)
    time_queries(args, rng, connection, adviser, team, names, Case, repeat_signals, respondent_search)


def respondent_names():
    from recours.collective.models import Respondent

    return Respondent.objects.order_by("pk").values_list("name", flat=True)


def load(args, rng, connection):
    from recours.accounts.models import TeamKind
    from recours.accounts.services import staff_user_create, team_create, team_national_get
    from recours.casework.services import ReportInput, case_create_from_report
    from recours.collective.models import Nature, Respondent
    from recours.collective.names import name_normalise
    from recours.geo.models import Commune

    communes = list(Commune.objects.filter(departement_id__in=["44", "75", "69", "13", "33", "59"]).values_list("name", flat=True))
    teams = [team_national_get()] + [
        team_create(name=f"Département {code}", kind=TeamKind.DEPARTEMENT, departement_id=code)
        for code in ("44", "75", "69", "13", "33")
    ]
    adviser = staff_user_create(username="bench.adviser", password=secrets.token_urlsafe(20), team=teams[1], role="adviser")

    started = time.perf_counter()
    names = [a_name(rng, communes) for _ in range(args.respondents)]
    for start in range(0, len(names), 5000):
        Respondent.objects.bulk_create([
            Respondent(nature=Nature.ORGANISATION, kind="landlord", name=name, name_normalised=name_normalise(name))
            for name in names[start:start + 5000]
        ])
    print(f"{args.respondents:,} respondents in {time.perf_counter() - started:.0f} s")

    template, _receipt = case_create_from_report(report=ReportInput(
        role="victime", narrative="Bench.", postal_code="44000", commune="44109", period="mois",
        plain_grounds=("nom",), criteria=("patronyme",), domain="logement",
    ))
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT column_name FROM information_schema.columns WHERE table_name = 'casework_case'")
        columns = [row[0] for row in cursor.fetchall() if row[0] not in ("id", "reference", "receipt_hash", "created_at", "team_id")]
        team_ids = "ARRAY[" + ",".join(str(team.pk) for team in teams) + "]"
        chunk = 200_000
        for first in range(1, args.cases + 1, chunk):
            last = min(first + chunk - 1, args.cases)
            cursor.execute(f"""
                INSERT INTO casework_case ({", ".join(columns)}, reference, receipt_hash, created_at, team_id)
                SELECT {", ".join("t." + c for c in columns)}, 'B' || lpad(g::text, 11, '0'), md5(g::text) || md5('r' || g::text),
                       now() - make_interval(secs => random() * 730 * 86400), ({team_ids})[1 + mod(g, {len(teams)})]
                FROM casework_case t, generate_series({first}, {last}) g WHERE t.id = %s
            """, [template.pk])
        cursor.execute("SELECT min(id), max(id) FROM collective_respondent")
        low, high = cursor.fetchone()
        # Respondent k (from 0) named with a share ~ 1/sqrt(k+1): floor(R * u^2) for u uniform.
        cursor.execute(f"""
            INSERT INTO collective_caserespondent (case_id, respondent_id, linked_at)
            SELECT id, {low} + floor(({high} - {low} + 1) * power(random(), 2))::int, now()
            FROM casework_case WHERE reference LIKE 'B%%'
        """)
        cursor.execute("ANALYZE")
        cursor.execute("SELECT count(*) FROM collective_caserespondent GROUP BY respondent_id ORDER BY 1 DESC LIMIT 1")
        top = cursor.fetchone()[0]
    print(f"{args.cases:,} cases and their links in {time.perf_counter() - started:.0f} s "
          f"(the most named respondent: {top:,} cases)")
    return adviser, teams[1], names


def time_queries(args, rng, connection, adviser, team, names, Case, repeat_signals, respondent_search) -> None:
    # What the machine gives a query now: the cheapest round trip through the ORM.
    from recours.accounts.models import Team

    timings = []
    for _ in range(200):
        start = time.perf_counter()
        Team.objects.filter(pk=team.pk).exists()
        timings.append((time.perf_counter() - start) * 1000)
    p50, p95, _p99 = percentiles(timings)
    print(f"Baseline (one primary-key query through the ORM): p50 {p50:.2f} ms, p95 {p95:.2f} ms "
          f"(load average {os.getloadavg()[0]:.1f})")

    # Search as you type.
    queries = [typed(rng, rng.choice(names)) for _ in range(args.searches)]
    for _kind, query in queries[:20]:
        respondent_search(adviser, query)  # warm the cache
    timings, found, by_kind = [], 0, {}
    for kind, query in queries:
        start = time.perf_counter()
        results = respondent_search(adviser, query)
        elapsed = (time.perf_counter() - start) * 1000
        timings.append(elapsed)
        by_kind.setdefault(kind, []).append(elapsed)
        found += bool(results)
    p50, p95, p99 = percentiles(timings)
    verdict = "yes" if p95 < TARGET_SEARCH_P95_MS else "NO"
    print(f"Search ({connection.vendor}, {args.searches} queries, {found} with results): "
          f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, p99 {p99:.1f} ms (target p95 < {TARGET_SEARCH_P95_MS:.0f} ms: {verdict})")
    for kind, samples in sorted(by_kind.items()):
        if len(samples) >= 2:
            k50, k95, _k99 = percentiles(samples)
            print(f"  {kind}: {len(samples)} queries, p50 {k50:.1f} ms, p95 {k95:.1f} ms")

    # The repeat signal of case pages of the adviser's team.
    ids = list(Case.objects.filter(team=team, reference__startswith="B").values_list("pk", flat=True)[:200_000])
    # Only what the signal reads of the case (the page has the case already).
    pages = [Case.objects.only("pk", "team_id", "created_at").get(pk=rng.choice(ids)) for _ in range(args.pages)]
    for case in pages[:20]:
        repeat_signals(case, adviser)
    timings, shown = [], 0
    for case in pages:
        start = time.perf_counter()
        signals = repeat_signals(case, adviser)
        timings.append((time.perf_counter() - start) * 1000)
        shown += bool(signals)
    p50, p95, p99 = percentiles(timings)
    verdict = "yes" if p95 < TARGET_SIGNAL_P95_MS else "NO"
    print(f"Repeat signal ({args.pages} case pages, {shown} with a signal): p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
          f"p99 {p99:.1f} ms (target p95 < {TARGET_SIGNAL_P95_MS:.0f} ms: {verdict})")


if __name__ == "__main__":
    main()
