"""Demo data: a few reports with known receipts, teams and staff, so a newcomer can try everything."""

import datetime as dt
import hashlib
from base64 import b32encode

from django.contrib.auth import get_user_model
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from recours.accounts.models import Role, Team, TeamKind
from recours.accounts.routing import team_for_commune
from recours.accounts.services import membership_set, team_create, team_national_get
from recours.casework.criteria_key import criteria_key_refresh
from recours.casework.models import Case, Channel, Message, Status
from recours.casework.waiting import waiting_recompute_from_messages
from recours.casework.services import message_add_by_adviser
from recours.core.instance import instance_get
from recours.demo.cases import demo_cases_load
from recours.demo.directory import demo_directory_load
from recours.demo.observatory import demo_records_load
from recours.core.receipts import receipt_hash
from recours.geo.selectors import commune_get

DEMO_RECEIPT = "1234567812345678"
DEMO_ADMIN = ("admin", "demo-admin-recours")  # the operator's admin screen, development only

# Console staff, development only: one password, and a fixed TOTP key each (below) so that
# an authenticator app set up once keeps working across `make run`.
DEMO_STAFF_PASSWORD = "demo-console-recours"
DEMO_TEAMS = [
    # slug, name, kind, territory
    ("loire-atlantique", "Délégation de Loire-Atlantique", TeamKind.DEPARTEMENT, "44"),
    ("ville-de-nantes", "Ville de Nantes — mission égalité", TeamKind.COMMUNES, "44109"),
]
DEMO_STAFF = [
    # username, first name, last name, team slug ("" = the national team), role
    ("conseillere.nantes", "Camille", "Martin", "ville-de-nantes", Role.ADVISER),
    ("coordinateur.44", "Yann", "Le Goff", "loire-atlantique", Role.COORDINATOR),
    ("juriste.national", "Sarah", "Benali", "", Role.ADVISER),
]


def demo_totp_key(username: str) -> str:
    """A fixed TOTP key (hex) per demo account: public, so development only."""
    return hashlib.sha1(f"recours-demo-totp:{username}".encode()).hexdigest()


def demo_totp_secret(username: str) -> str:
    """The same key in base32, as authenticator apps take it."""
    return b32encode(bytes.fromhex(demo_totp_key(username))).decode()

DEMO_CASES = [
    {
        "receipt": DEMO_RECEIPT,
        "role": "victime",
        "narrative": (
            "J'ai visité un appartement rue des Olivettes. L'agence m'a dit au téléphone qu'il était libre, "
            "puis quand j'ai donné mon nom, on m'a répondu qu'il était déjà loué. Une amie a appelé "
            "une heure après avec un autre nom : on lui a proposé une visite."
        ),
        "postal_code": "44000",
        "commune": "44109",
        "domain": "logement",
        "grounds": ["origine", "nom"],
        "criteria": ["origine", "nation", "patronyme"],
        "status": Status.AWAITING_PERSON,
        "reply": (
            "Bonjour, merci pour votre message. Ce que vous décrivez peut constituer une discrimination "
            "dans l'accès au logement (origine, patronyme). Avez-vous gardé une trace des appels "
            "(heure, numéro) ou un message de l'agence ? Votre amie accepterait-elle de témoigner ?"
        ),
    },
    {
        "receipt": "8765432187654321",
        "role": "temoin",
        "narrative": (
            "Dans une boulangerie, j'ai vu la vendeuse refuser de servir une femme en fauteuil roulant "
            "en disant que le magasin n'était pas fait pour elle."
        ),
        "postal_code": "75011",
        "commune": "75056",
        "domain": "biens_services",
        "grounds": ["handicap"],
        "criteria": ["handicap"],
        "status": Status.NEW,
        "reply": "",
    },
]


@transaction.atomic
def demo_load() -> list[str]:
    """Create the demo cases that are missing; returns the receipts of the demo cases."""
    instance = instance_get()
    if not instance.phone:
        instance.operator = "Instance de démonstration de recours"
        instance.phone = "01 23 45 67 89"
        instance.phone_hours = "du lundi au vendredi, de 9 h à 18 h"
        instance.save()
    User = get_user_model()
    if not User.objects.filter(username=DEMO_ADMIN[0]).exists():
        User.objects.create_superuser(username=DEMO_ADMIN[0], password=DEMO_ADMIN[1], email="")
    _demo_totp_device(User.objects.get(username=DEMO_ADMIN[0]))
    _demo_teams_and_staff()
    _demo_chat()
    for spec in DEMO_CASES:
        digest = receipt_hash(spec["receipt"])
        if Case.objects.filter(receipt_hash=digest).exists():
            continue
        commune = commune_get(spec["commune"])
        case = Case.objects.create(
            channel=Channel.FORM,
            status=spec["status"],
            reporter_role_id=spec["role"],
            narrative=spec["narrative"],
            postal_code=spec["postal_code"],
            commune=commune,
            departement_id=commune.departement_id,
            team=team_for_commune(commune),
            domain_id=spec["domain"],
            occurred_period="mois",
            consent_at=dt.datetime.now(dt.timezone.utc),
            receipt_hash=digest,
        )
        case.plain_grounds.set(spec["grounds"])
        case.reported_criteria.set(spec["criteria"])
        criteria_key_refresh(Case.objects.filter(pk=case.pk))
        if spec["reply"]:
            message_add_by_adviser(case=case, body=spec["reply"])
        waiting_recompute_from_messages(Case.objects.filter(pk=case.pk), Message)
    demo_cases_load()
    demo_directory_load()
    # The demo coordinator of Loire-Atlantique keeps the demo entries of the département.
    from recours.directory.models import Service

    Service.objects.filter(is_demo=True, team__isnull=True, code_insee__startswith="44").update(
        team=Team.objects.get(slug="loire-atlantique")
    )
    demo_records_load()
    # Cases made before teams existed (an older development database) get routed too.
    for case in Case.objects.filter(team__isnull=True).select_related("commune"):
        Case.objects.filter(pk=case.pk).update(team=team_for_commune(None if case.online else case.commune))
    return [spec["receipt"] for spec in DEMO_CASES]


def _demo_totp_device(user) -> None:
    TOTPDevice.objects.update_or_create(
        user=user, name="démo", defaults={"key": demo_totp_key(user.username), "confirmed": True}
    )


def _demo_teams_and_staff() -> None:
    team_national_get()
    for slug, name, kind, territory in DEMO_TEAMS:
        if Team.objects.filter(slug=slug).exists():
            continue
        if kind == TeamKind.DEPARTEMENT:
            team_create(name=name, slug=slug, kind=kind, departement_id=territory)
        else:
            team_create(name=name, slug=slug, kind=kind, commune_ids=[territory])
    User = get_user_model()
    for username, first_name, last_name, team_slug, role in DEMO_STAFF:
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": first_name, "last_name": last_name}
        )
        if created:
            user.set_password(DEMO_STAFF_PASSWORD)
            user.save()
        team = Team.objects.get(slug=team_slug) if team_slug else team_national_get()
        membership_set(user=user, team=team, role=role)
        _demo_totp_device(user)


# The demo's chat: every day 08:00-22:00 (Europe/Paris), public holidays aside, for every
# demo team: whoever tries the demo in the daytime finds it open.
DEMO_CHAT_HOURS = (dt.time(8), dt.time(22))


def _demo_chat() -> None:
    """Offer the chat, with hours, the first time (a later choice in the admin is kept)."""
    from recours.chat.models import OpeningHours

    teams = [team_national_get(), *Team.objects.filter(slug__in=[slug for slug, *_rest in DEMO_TEAMS])]
    if OpeningHours.objects.filter(team__in=teams).exists():
        return
    opens_at, closes_at = DEMO_CHAT_HOURS
    OpeningHours.objects.bulk_create(
        OpeningHours(team=team, weekday=weekday, opens_at=opens_at, closes_at=closes_at)
        for team in teams
        for weekday in range(1, 8)
    )
    instance = instance_get()
    instance.chat_enabled = True
    instance.save()


def demo_logins() -> list[dict]:
    """What load_demo_data prints: each demo login with its password, TOTP key and team."""
    national = team_national_get()
    rows = [{"username": DEMO_ADMIN[0], "password": DEMO_ADMIN[1], "secret": demo_totp_secret(DEMO_ADMIN[0]),
             "where": "/gestion/admin/"}]
    for username, _first, _last, team_slug, role in DEMO_STAFF:
        team = Team.objects.get(slug=team_slug) if team_slug else national
        rows.append({"username": username, "password": DEMO_STAFF_PASSWORD, "secret": demo_totp_secret(username),
                     "where": f"/console/ — {team.name}, {Role(role).label}"})
    return rows
