"""The shared test base (see tests/README.md): reference data once per session, the teams and
staff of every folder, reports made through the real services, the browser fixtures."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from recours.accounts.models import Role, TeamKind
from recours.accounts.services import staff_user_create, team_create, team_national_get
from recours.casework.services import ReportInput, case_create_from_report
from recours.geo.services import geo_load
from recours.taxonomy.services import taxonomy_load
from tests.accounts.helpers import PASSWORD, log_in_verified

# The browser fixtures (chromium, pages, the live and chat servers), shared by tests/e2e and
# tests/journeys: a plugin, so that one chromium serves both folders.
pytest_plugins = ["tests.e2e.fixtures"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Taxonomies and the whole of French geography, loaded once into the test database."""
    with django_db_blocker.unblock():
        taxonomy_load()
        geo_load()


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin client, also verified by a second factor: the admin requires one (recours.accounts)."""
    log_in_verified(client, admin_user)
    return client


@pytest.fixture
def report_input():
    """A complete, valid report as the services take it."""

    def make(**overrides) -> ReportInput:
        values = {
            "role": "victime",
            "narrative": "On m'a refusé la visite d'un appartement quand j'ai donné mon nom.",
            "postal_code": "44000",
            "commune": "44109",
            "period": "mois",
            "plain_grounds": ("nom",),
            "criteria": ("patronyme",),
            "domain": "logement",
        }
        values.update(overrides)
        return ReportInput(**values)

    return make


@pytest.fixture
def make_case(db, report_input):
    """Create a case through the services; returns (case, receipt)."""

    def make(**overrides):
        return case_create_from_report(report=report_input(**overrides))

    return make


@pytest.fixture
def live_reference_data(transactional_db):
    """Reference data for tests on a live server, whose database is emptied after each test.

    Only two départements of geography (Loire-Atlantique and Paris) to keep each test fast.
    """
    from recours.geo.models import Commune

    taxonomy_load()
    if not Commune.objects.filter(pk="44109").exists():
        geo_load(departements=["44", "75"])


# The cast: teams on real territories and the staff in them, made through the services ------
# One meaning per name, in every folder: `adviser` is Camille Martin of the city of Nantes
# everywhere (tests/chat/conftest.py only makes the same people present for the chat).


@pytest.fixture
def teams(db):
    """The national team, Loire-Atlantique (44), the city of Nantes (44109) and the city of Paris (75056)."""
    return {
        "national": team_national_get(),
        "loire_atlantique": team_create(name="Loire-Atlantique", kind=TeamKind.DEPARTEMENT, departement_id="44"),
        "nantes": team_create(name="Ville de Nantes", kind=TeamKind.COMMUNES, commune_ids=["44109"]),
        "paris": team_create(name="Ville de Paris", kind=TeamKind.COMMUNES, commune_ids=["75056"]),
    }


@pytest.fixture
def make_staff(db):
    """A staff account in a team, with a confirmed TOTP device unless `device=False`; returns (user, device).

    The password is tests.accounts.helpers.PASSWORD; the device's codes, `code_for(device)`."""

    def make(username: str, team, *, role: str = Role.ADVISER, device: bool = True, **fields):
        user = staff_user_create(username=username, password=PASSWORD, team=team, role=role, **fields)
        totp = TOTPDevice.objects.create(user=user, name="téléphone", confirmed=True) if device else None
        return user, totp

    return make


@pytest.fixture
def adviser(teams, make_staff):
    """Camille Martin, adviser of the city of Nantes."""
    user, _device = make_staff("camille", teams["nantes"], first_name="Camille", last_name="Martin")
    return user


@pytest.fixture
def colleague(teams, make_staff):
    """Dominique Petit, another adviser of the city of Nantes."""
    user, _device = make_staff("dominique", teams["nantes"], first_name="Dominique", last_name="Petit")
    return user


@pytest.fixture
def paris_adviser(teams, make_staff):
    """Sacha Durand, adviser of the city of Paris: another team than the `adviser`'s."""
    user, _device = make_staff("sacha", teams["paris"], first_name="Sacha", last_name="Durand")
    return user


@pytest.fixture
def loire_atlantique_adviser(teams, make_staff):
    """Yann Le Goff, adviser of the département of Loire-Atlantique (it holds Nantes)."""
    user, _device = make_staff("yann", teams["loire_atlantique"], first_name="Yann", last_name="Le Goff")
    return user


@pytest.fixture
def national_adviser(teams, make_staff):
    """Sarah Benali, adviser of the national team."""
    user, _device = make_staff("sarah", teams["national"], first_name="Sarah", last_name="Benali")
    return user


@pytest.fixture
def coordinator(teams, make_staff):
    """The coordinator of the Loire-Atlantique team (she manages it: accounts.selectors.teams_managed_by)."""
    user, _device = make_staff("coordinatrice.44", teams["loire_atlantique"], role=Role.COORDINATOR)
    return user


@pytest.fixture
def client_factory():
    """New test clients: another browser (the person's, another adviser's)."""
    from django.test import Client

    return Client


@pytest.fixture
def console(client, adviser):
    """The test client, logged in as the `adviser` with both factors."""
    log_in_verified(client, adviser)
    return client


@pytest.fixture
def paris_console(client_factory, paris_adviser):
    """Another browser, logged in as the Paris adviser."""
    client = client_factory()
    log_in_verified(client, paris_adviser)
    return client


# Reference content ---------------------------------------------------------------------------


@pytest.fixture
def directory(db):
    """The national services and the local services of the tests (Nantes, Loire-Atlantique, Paris),
    from tests/directory/local.py (never from the demo app)."""
    from recours.directory.seed import directory_national_load
    from tests.directory.local import directory_local_load

    directory_national_load()
    directory_local_load()


@pytest.fixture
def answer_templates(db):
    """The legal answers shipped with the platform."""
    from recours.casework.models import AnswerTemplate
    from recours.casework.services import answer_templates_load

    answer_templates_load()
    return AnswerTemplate.objects.filter(team__isnull=True)


# The chat --------------------------------------------------------------------------------------


@pytest.fixture
def always_open(settings, monkeypatch):
    """The chat open every day, all day, no public holiday: tests do not depend on when they run."""
    from recours.chat import hours

    settings.RECOURS_CHAT_HOURS = "1-7 00:00-23:59:59"
    monkeypatch.setattr(hours, "is_closed_day", lambda day: False)


@pytest.fixture
def chat_offered(db):
    """The instance offers the chat ("Proposer le tchat" in the instance settings)."""
    from recours.core.instance import instance_get

    instance = instance_get()
    instance.chat_enabled = True
    instance.save()
    return instance
