"""About fifty generated demo cases, so the console looks like a real day.

Proportions follow the national figures the issue gives (handicap about 22 % of
criteria, origine 15 %, état de santé 9 %; emploi about 47 % of domains). Every case is
marked: its reference is `D` + 7 digits (D0000001…), its narrative
with "[Démo]" and its details hold {"demo": true}. They have no receipt (the two
hand-written demo cases in services.py do). Made with a fixed seed: the same cases at
every `make run`, created only when their reference is missing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from recours.accounts.routing import team_for_commune
from recours.casework.criteria_key import criteria_key_refresh
from recours.casework.models import (
    CallDirection, CallScenario, Case, Channel, Message, MessageAuthor, Outcome, PhoneCall, Qualification,
    RespondentKind, ScheduledCall, Status,
)
from recours.casework.waiting import waiting_recompute_from_messages
from recours.geo.models import Commune

DEMO_CASE_COUNT = 50
SEED = 20261123

CRITERIA = [  # (code, weight in %)
    ("handicap", 22), ("origine", 15), ("etat_de_sante", 9), ("sexe", 8), ("age", 7), ("religion", 6),
    ("patronyme", 5), ("grossesse", 4), ("situation_de_famille", 4), ("orientation_sexuelle", 4),
    ("vulnerabilite_economique", 4), ("identite_de_genre", 3), ("lieu_de_residence", 3),
    ("apparence_physique", 3), ("activites_syndicales", 3),
]
DOMAINS = [
    ("emploi_prive", 37), ("emploi_public", 10), ("logement", 12), ("biens_services", 10),
    ("services_publics", 9), ("education", 7), ("sante", 6), ("protection_sociale", 5), ("police_securite_justice", 4),
]
CHANNELS = [(Channel.FORM, 60), (Channel.PHONE, 25), (Channel.CHAT, 10), (Channel.API, 5)]
STATUSES = [  # 50 cases: (status, how many)
    (Status.NEW, 12), (Status.IN_PROGRESS, 8), (Status.AWAITING_PERSON, 6), (Status.INFORMATION_GIVEN, 6),
    (Status.ORIENTED, 5), (Status.REFERRAL_PREPARED, 3), (Status.TRANSFERRED, 2), (Status.CLOSED, 8),
]
OUTCOMES = [Outcome.INFORMATION, Outcome.ORIENTATION, Outcome.REFERRAL, Outcome.NO_FOLLOW_UP, Outcome.OUT_OF_SCOPE]
COMMUNES = [  # (INSEE code, postal code, weight): mostly around Nantes, some elsewhere
    ("44109", "44000", 30), ("44162", "44800", 6), ("44143", "44400", 5),
    ("75056", "75011", 12), ("69123", "69003", 8), ("13055", "13001", 6), ("59350", "59000", 5),
    ("31555", "31000", 5), ("35238", "35000", 6), ("33063", "33000", 5),
]
RESPONDENTS = {
    "emploi_prive": RespondentKind.EMPLOYER, "emploi_public": RespondentKind.EMPLOYER,
    "logement": RespondentKind.LANDLORD, "biens_services": RespondentKind.BUSINESS,
    "services_publics": RespondentKind.PUBLIC_SERVICE, "education": RespondentKind.SCHOOL,
    "sante": RespondentKind.HEALTH_PROFESSIONAL, "protection_sociale": RespondentKind.PUBLIC_SERVICE,
    "police_securite_justice": RespondentKind.POLICE,
}
NARRATIVES = {
    "emploi_prive": [
        "Après mon entretien, le recruteur m'a dit que l'équipe « n'était pas prête » pour quelqu'un comme moi.",
        "Depuis que j'ai parlé de ma situation à mon responsable, on m'a retiré mes missions et mes horaires ont changé.",
        "Ma période d'essai a été rompue deux jours après que j'ai demandé un aménagement de poste.",
    ],
    "emploi_public": [
        "Ma candidature à un poste en mairie a été écartée alors que j'avais le meilleur dossier, selon un membre du jury.",
        "Mon chef de service fait des remarques répétées sur ma tenue et m'a refusé une formation accordée à mes collègues.",
    ],
    "logement": [
        "L'agence m'a dit que le logement était loué, mais l'annonce est toujours en ligne et une amie a obtenu une visite.",
        "Le propriétaire m'a demandé une photo et mon pays de naissance avant d'accepter de me faire visiter.",
    ],
    "biens_services": [
        "On m'a refusé l'entrée d'un bar alors que le groupe devant moi est entré sans problème.",
        "La banque m'a refusé un prêt en me disant que c'était à cause de mon âge.",
    ],
    "services_publics": [
        "Au guichet, l'agent a refusé de traiter ma demande et m'a dit de revenir avec quelqu'un qui parle mieux français.",
        "La préfecture ne répond plus à mes demandes de rendez-vous depuis six mois.",
    ],
    "education": [
        "L'école refuse d'inscrire mon fils à la cantine à cause de son traitement médical.",
        "Le centre de formation m'a dit que la formation n'était « pas adaptée » à mon handicap sans rien proposer.",
    ],
    "sante": [
        "Le cabinet médical a refusé mon rendez-vous quand j'ai dit que j'avais la complémentaire santé solidaire.",
    ],
    "protection_sociale": [
        "La caisse me demande des justificatifs qu'elle ne demande pas aux autres allocataires de mon quartier.",
    ],
    "police_securite_justice": [
        "Je suis contrôlé presque chaque semaine à la sortie de la gare, jamais mes collègues.",
    ],
}
REPLY = (
    "Bonjour, merci pour votre signalement. Ce que vous décrivez peut relever d'une discrimination. "
    "Pouvez-vous nous dire si vous avez gardé des écrits (courriels, messages, annonces) ?"
)


def _pick(rng: random.Random, weighted):
    values, weights = zip(*weighted)
    return rng.choices(values, weights=weights, k=1)[0]


def demo_reference(number: int) -> str:
    return f"D{number:07d}"


DEMO_CALLBACKS = 3
SCENARIO_OF_ROLE = {"victime": CallScenario.VICTIM, "temoin": CallScenario.WITNESS}


def _demo_call(case, *, role, narrative, adviser, at, open_case, callbacks_planned, now) -> int:
    """The call sheet of a phone case; the first open ones get a callback (one overdue, two
    later today or tomorrow), so the queue shows its "Rappels à faire"."""
    scenario = SCENARIO_OF_ROLE.get(role, CallScenario.ON_BEHALF)
    steps = {
        "introduction": "[Démo] Présentation du service, appel gratuit et confidentiel.",
        "caller": "[Démo] Appel pour elle-même." if scenario == CallScenario.VICTIM else "[Démo] Appel pour une autre personne.",
        "problem": f"[Démo] {narrative}",
        "support": "[Démo] Information sur les droits et les délais ; conserver les preuves.",
        "closing": "[Démo] Code de suivi donné.",
    }
    PhoneCall.objects.create(
        case=case, direction=CallDirection.INCOMING, scenario=scenario, adviser=adviser, started_at=at,
        ended_at=at + dt.timedelta(minutes=14), duration_seconds=14 * 60, steps=steps,
    )
    if open_case and callbacks_planned < DEMO_CALLBACKS:
        due = now + (dt.timedelta(hours=-1), dt.timedelta(hours=2), dt.timedelta(days=1))[callbacks_planned]
        ScheduledCall.objects.create(case=case, due_at=due, reason="[Démo] Savoir si la personne a pu écrire au bailleur.",
                                     created_by=adviser)
        return callbacks_planned + 1
    return callbacks_planned


@transaction.atomic
def demo_cases_load(count: int = DEMO_CASE_COUNT) -> int:
    """Create the generated demo cases that are missing; returns how many were created."""
    rng = random.Random(SEED)
    statuses = [status for status, how_many in STATUSES for _ in range(how_many)]
    rng.shuffle(statuses)
    existing = set(Case.objects.filter(reference__in=[demo_reference(n) for n in range(1, count + 1)]).values_list("reference", flat=True))
    known_communes = set(Commune.objects.filter(pk__in=[code for code, _p, _w in COMMUNES]).values_list("pk", flat=True))
    advisers = {}
    now = timezone.now()
    created_pks = []
    callbacks_planned = 0
    for number in range(1, count + 1):
        # Draw every value even for existing cases, so that the same number always gets the same case.
        channel = _pick(rng, CHANNELS)
        domain = _pick(rng, DOMAINS)
        criteria = sorted({_pick(rng, CRITERIA) for _ in range(rng.choice((1, 1, 1, 2)))})
        commune, postal_code = _pick(rng, [((code, postal), weight) for code, postal, weight in COMMUNES])
        narrative = rng.choice(NARRATIVES[domain])
        status = statuses[(number - 1) % len(statuses)]
        age = dt.timedelta(days=rng.randint(0, 60), hours=rng.randint(0, 23))
        outcome = rng.choice(OUTCOMES)
        role = _pick(rng, [("victime", 80), ("temoin", 10), ("tiers", 7), ("professionnel", 3)])
        reference = demo_reference(number)
        if reference in existing:
            continue
        if commune not in known_communes:
            commune, postal_code = None, ""
        commune_obj = Commune.objects.filter(pk=commune).first() if commune else None
        team = team_for_commune(commune_obj)
        case = Case.objects.create(
            reference=reference,
            channel=channel,
            status=status,
            reporter_role_id=role,
            narrative=f"[Démo] {narrative}",
            details={"demo": True},
            postal_code=postal_code,
            commune=commune_obj,
            departement_id=commune_obj.departement_id if commune_obj else None,
            team=team,
            domain_id=domain,
            occurred_period="mois",
            consent_at=now - age,
            receipt_hash=hashlib.sha256(f"recours-demo-case:{number}".encode()).hexdigest(),
        )
        case.reported_criteria.set(criteria)
        created_at = now - age
        updates = {"created_at": created_at}
        adviser = advisers.get(team.pk) or advisers.setdefault(
            team.pk, get_user_model().objects.filter(memberships__team=team, is_active=True).order_by("pk").first()
        )
        if status != Status.NEW:
            answered_at = created_at + dt.timedelta(hours=rng.randint(2, 72))
            message = Message.objects.create(case=case, author=MessageAuthor.ADVISER, author_user=adviser, body=REPLY)
            Message.objects.filter(pk=message.pk).update(created_at=answered_at)
            updates.update(first_answer_at=answered_at, status_changed_at=answered_at, status_changed_by=adviser,
                           assigned_to=adviser)
            qualification = Qualification.objects.create(
                case=case, domain_id=domain, situation_type_id="discrimination", respondent_kind=RESPONDENTS[domain],
                qualified_by=adviser, qualified_at=answered_at,
            )
            qualification.criteria.set(criteria)
        if channel == Channel.PHONE:
            callbacks_planned = _demo_call(case, role=role, narrative=narrative, adviser=adviser, at=created_at,
                                           open_case=status != Status.CLOSED, callbacks_planned=callbacks_planned,
                                           now=now)
        if status == Status.CLOSED:
            updates.update(outcome=outcome, closed_at=created_at + dt.timedelta(days=rng.randint(3, 20)))
        Case.objects.filter(pk=case.pk).update(**updates)
        created_pks.append(case.pk)
    waiting_recompute_from_messages(Case.objects.filter(pk__in=created_pks), Message)
    criteria_key_refresh(Case.objects.filter(pk__in=created_pks))
    return len(created_pks)
