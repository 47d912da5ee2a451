"""Adviser console with a big database: server time of the queue and of a case page.

    .venv/bin/python bench/console.py [--cases 100000] [--requests 200] [--database-url URL]

It creates a throw-away PostgreSQL database (dropped at the end, even on failure),
migrates it, loads the reference data, then writes `--cases` cases spread over France
(about 8 % in Nantes, the rest where people live: communes drawn at random, so most
go to the national team, as on a national instance), with criteria, messages, notes,
assignments, qualifications and states, as two years of work would leave them.

Then, in-process with production settings (DEBUG off, the real middleware, templates
and database; no network), it logs in two advisers with both factors — one of the
national team (the biggest queue), one of the Nantes team — and times each console
page `--requests` times: the queue's tabs and filters, and case pages drawn at random
among the cases each adviser may see. "Server time" is the time Django takes from
the request to the complete response (what the adviser waits for, minus the network).
Target: p95 < 100 ms for the queue and for a case page. Also timed (issue 18): the
notifications poll every console page sends, the answer library searched from a case
(target there: 200 ms p95 in the browser, so well under it on the server), and the console
home (with the directory's entries to verify). The queue includes what the page shows beside
the cases: the adviser's saved filters and the bulk actions' lists of colleagues and teams.
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
TARGET_P95_MS = 100.0
sys.path.insert(0, str(ROOT))

from bench.common import environment  # noqa: E402




def admin_url(url: str) -> tuple[str, str]:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path="/postgres")), parts.path.lstrip("/")


SENTENCES = [
    "On m'a refusé la visite de l'appartement quand j'ai donné mon nom.",
    "Mon responsable fait des remarques sur mon handicap devant l'équipe depuis des mois.",
    "Le directeur de l'école refuse d'inscrire mon fils à la cantine à cause de son traitement.",
    "Au guichet, l'agent a refusé mon dossier parce que je ne parle pas bien français.",
    "Après l'annonce de ma grossesse, mon contrat n'a pas été renouvelé.",
    "Le médecin a refusé de me recevoir quand il a vu que j'avais la complémentaire santé solidaire.",
    "Lors d'un contrôle, les policiers m'ont tutoyé et insulté en raison de mon origine.",
    "L'agence immobilière demande des garanties supplémentaires aux personnes de mon quartier.",
]
STATUSES = ["new"] * 12 + ["in_progress"] * 18 + ["awaiting_person"] * 10 + ["information_given"] * 10 + \
    ["oriented"] * 8 + ["referral_prepared"] * 2 + ["transferred"] * 2 + ["closed"] * 38
CRITERIA_WEIGHTS = {"handicap": 22, "origine": 15, "etat_de_sante": 9, "sexe": 7, "age": 6, "religion": 5,
                    "grossesse": 4, "situation_de_famille": 4, "lieu_de_residence": 3, "orientation_sexuelle": 3,
                    "patronyme": 3, "apparence_physique": 3, "activites_syndicales": 3, "vulnerabilite_economique": 3,
                    "identite_de_genre": 2, "opinions_politiques": 2, "nation": 2, "pretendue_race": 2, "langue": 2}
DOMAIN_WEIGHTS = {"emploi_prive": 35, "emploi_public": 12, "logement": 10, "services_publics": 10,
                  "biens_services": 9, "education": 7, "sante": 6, "police_securite_justice": 5,
                  "protection_sociale": 4, "autre": 2}


def populate(count: int, rng: random.Random) -> dict:
    """Teams, two advisers, and `count` cases written in bulk (the services would hash a receipt each)."""
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.utils import timezone

    from recours.accounts.models import Role, TeamKind
    from recours.accounts.services import membership_set, team_create, team_national_get
    from recours.accounts.routing import team_for_location
    from recours.casework.criteria_key import criteria_key_refresh
    from recours.casework.models import Case, Channel, Message, MessageAuthor, Note, Qualification
    from recours.casework.waiting import waiting_recompute_from_messages
    from recours.geo.models import Commune
    from recours.taxonomy.models import ReporterRole

    national = team_national_get()
    nantes_communes = ["44109", "44143", "44190", "44162", "44035", "44020", "44114", "44184"]
    nantes = team_create(name="Nantes Métropole", kind=TeamKind.COMMUNES, commune_ids=nantes_communes[:7])
    team_create(name="Paris", kind=TeamKind.COMMUNES, commune_ids=["75056"])
    users = {}
    for username, team in (("national", national), ("nantes", nantes)):
        user = get_user_model().objects.create_user(username=f"bench.{username}", password=secrets.token_urlsafe(20))
        membership_set(user=user, team=team, role=Role.ADVISER)
        users[username] = user

    communes = list(Commune.objects.filter(active=True).values_list("insee_code", flat=True))
    roles = list(ReporterRole.objects.values_list("code", flat=True))
    crit_codes, crit_weights = zip(*CRITERIA_WEIGHTS.items())
    dom_codes, dom_weights = zip(*DOMAIN_WEIGHTS.items())
    now = timezone.now()
    start = time.perf_counter()
    batch = 2000
    criteria_through = Case.reported_criteria.through
    for offset in range(0, count, batch):
        cases = []
        for _ in range(min(batch, count - offset)):
            commune = rng.choice(nantes_communes) if rng.random() < 0.08 else rng.choice(communes)
            status = rng.choice(STATUSES)
            created = now - timezone.timedelta(minutes=rng.randint(5, 2 * 365 * 24 * 60))
            cases.append(Case(
                channel=rng.choices([Channel.FORM, Channel.PHONE, Channel.CHAT, Channel.API], [55, 25, 15, 5])[0],
                status=status, reporter_role_id=rng.choice(roles),
                narrative=" ".join(rng.sample(SENTENCES, 3)), details={}, postal_code="",
                commune_id=commune, team=team_for_location(commune_id=commune),
                domain_id=rng.choices(dom_codes, dom_weights)[0], steps_taken=["rien"],
                contact={"email": "personne@example.org"} if rng.random() < 0.3 else {},
                consent_at=created, receipt_hash=secrets.token_hex(32),
                status_changed_at=created if status != "new" else None,
            ))
        with transaction.atomic():
            created_cases = Case.objects.bulk_create(cases)
            links, messages, notes, qualifications, case_codes = [], [], [], [], {}
            for case in created_cases:
                codes = set(rng.choices(crit_codes, crit_weights, k=rng.randint(1, 2)))
                case_codes[case.pk] = codes
                for code in codes:
                    links.append(criteria_through(case_id=case.pk, criterion_id=code))
                if case.status != "new" and rng.random() < 0.7:
                    qualifications.append(Qualification(
                        case_id=case.pk, domain_id=case.domain_id, situation_type_id="discrimination",
                        respondent_kind="employer", reasoning=rng.choice(SENTENCES), qualified_at=now,
                    ))
                for n in range(rng.choice([0, 0, 1, 2, 3])):
                    author = MessageAuthor.ADVISER if n % 2 else MessageAuthor.PERSON
                    messages.append(Message(case_id=case.pk, author=author, body=rng.choice(SENTENCES)))
                if rng.random() < 0.3:
                    notes.append(Note(case_id=case.pk, author=users["national"], body=rng.choice(SENTENCES)))
            criteria_through.objects.bulk_create(links)
            qualified_through = Qualification.criteria.through
            qualified_through.objects.bulk_create([
                qualified_through(qualification_id=q.pk, criterion_id=code)
                for q in Qualification.objects.bulk_create(qualifications) for code in case_codes[q.case_id]
            ])
            Message.objects.bulk_create(messages)
            Note.objects.bulk_create(notes)
        # created_at is auto_now_add: spread the cases over two years afterwards, as time would have.
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE casework_case SET created_at = now() - (random() * interval '730 days') "
                "WHERE id BETWEEN %s AND %s", [created_cases[0].pk, created_cases[-1].pk],
            )
        waiting_recompute_from_messages(
            Case.objects.filter(pk__range=(created_cases[0].pk, created_cases[-1].pk)), Message
        )
        criteria_key_refresh(Case.objects.filter(pk__range=(created_cases[0].pk, created_cases[-1].pk)))
        done = offset + len(cases)
        if done % 20000 == 0 or done == count:
            print(f"  {done:,} cases written ({done / (time.perf_counter() - start):,.0f}/s)", flush=True)
    # Assign a share of each team's open cases to its adviser, as a day's work would.
    for name, user in users.items():
        team_id = national.pk if name == "national" else nantes.pk
        ids = list(Case.objects.filter(team_id=team_id).exclude(status="closed").values_list("pk", flat=True)[:3000])
        Case.objects.filter(pk__in=rng.sample(ids, min(len(ids), 400))).update(assigned_to=user)
    with connection.cursor() as cursor:
        # VACUUM as autovacuum would have by then: the bulk UPDATEs above left dead row versions.
        cursor.execute("VACUUM ANALYZE")
    return users


def logged_in_client(user):
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def timed(client, url: str, requests: int) -> list[float]:
    for _ in range(3):  # warm-up: caches, templates, connection pool
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}")
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}")
    return times


def timed_cases(client, references: list[str], requests: int, rng: random.Random) -> list[float]:
    times = []
    for reference in rng.sample(references, min(requests, len(references))):
        url = f"/console/dossiers/{reference}/"
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}")
    return times


def row(label: str, times: list[float]) -> str:
    q = statistics.quantiles(times, n=100)
    ok = "yes" if q[94] < TARGET_P95_MS else "NO"
    return f"| {label} | {len(times)} | {statistics.median(times):.1f} | {q[94]:.1f} | {max(times):.1f} | {ok} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200, help="timed requests per page")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--database-url", default=f"postgres://postgres@127.0.0.1:5432/recours_bench_console_{os.getpid()}")
    parser.add_argument("--keep", action="store_true", help="keep the database (its URL is printed)")
    parser.add_argument("--reuse", action="store_true",
                        help="time a database kept by --keep (set BENCH_ENCRYPTION_KEYS as printed); implies --keep")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    environment(args.database_url)

    import psycopg

    maintenance, dbname = admin_url(args.database_url)
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the start"
          + (" (other work shares these cores: figures are worse and noisier than the stack's own)"
             if os.getloadavg()[0] > 0.5 else ""))
    args.keep = args.keep or args.reuse
    if not args.reuse:
        with psycopg.connect(maintenance, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{dbname}"')
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)  # as a deployment does (hashed names)
        if args.reuse:
            from django.contrib.auth import get_user_model

            users = {name: get_user_model().objects.get(username=f"bench.{name}") for name in ("national", "nantes")}
        else:
            call_command("load_reference_data", verbosity=0)
            from recours.casework.services import answer_templates_load

            answer_templates_load()  # the answer library searched from the case page
            print(f"Writing {args.cases:,} cases into {dbname}...")
            users = populate(args.cases, rng)

        from recours.casework.models import Case

        print(f"\n{args.requests} timed requests per page, in-process, production settings (DEBUG off)\n")
        print("| page | requests | p50 ms | p95 ms | max ms | p95 < 100 ms |\n|---|---:|---:|---:|---:|---|")
        for name, user in users.items():
            client = logged_in_client(user)
            team = user.memberships.first().team
            visible = Case.objects.filter(team=team).count()
            label = f"{name} ({visible:,} cases)"
            for tab, url in queue_urls():
                print(row(f"queue {tab} — {label}", timed(client, url, args.requests)), flush=True)
            references = list(Case.objects.filter(team=team).values_list("reference", flat=True)[:20000])
            print(row(f"case page — {label}", timed_cases(client, references, args.requests, rng)), flush=True)
            # The adviser workspace (issue 18): the notifications every console page polls, and
            # the answer library searched from a case's reply box (htmx, as the browser asks).
            print(row(f"notifications poll — {label}", timed(client, "/console/notifications/", args.requests)),
                  flush=True)
            # The console home (issue 18): the day's lists, the directory's entries to verify in the
            # team's territory (every entry for the national team).
            print(row(f"console home — {label}", timed(client, "/console/", args.requests)), flush=True)
            for words in ("délais", "preuves logement"):
                url = f"/console/dossiers/{references[0]}/reponses-types/?modeles={urllib.parse.quote(words)}"
                print(row(f"answer search '{words}' — {label}", timed(client, url, args.requests)), flush=True)
        connection.close()
    finally:
        if args.keep:
            print(f"\nDatabase kept: {args.database_url}\n"
                  f"(read it again with BENCH_ENCRYPTION_KEYS={os.environ['RECOURS_ENCRYPTION_KEYS']})")
        else:
            with psycopg.connect(maintenance, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')


def queue_urls() -> list[tuple[str, str]]:
    """The queue's views an adviser opens all day: each tab, and the filters."""
    base = "/console/dossiers/"
    return [
        ("all", base + "?vue=tous"),
        ("new", base + "?vue=nouveaux"),
        ("mine", base + "?vue=moi"),
        ("awaiting person", base + "?vue=attente-personne"),
        ("awaiting reply", base + "?vue=attente-reponse"),
        ("channel phone", base + "?vue=tous&channel=phone"),
        ("status in progress", base + "?vue=tous&status=in_progress"),
        ("criterion handicap", base + "?vue=tous&criterion=handicap"),
        ("domain housing", base + "?vue=tous&domain=logement"),
        ("departement 44", base + "?vue=tous&departement=44"),
        ("waiting > 7 days", base + "?vue=tous&waiting=7"),
        ("new + handicap", base + "?vue=nouveaux&criterion=handicap"),
    ]


if __name__ == "__main__":
    main()
