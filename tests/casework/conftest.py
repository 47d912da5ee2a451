"""Teams, staff and a logged-in adviser for the console tests."""

import pytest

from tests.accounts.conftest import make_staff, teams  # noqa: F401  (fixtures shared with the accounts tests)
from tests.accounts.helpers import log_in_verified

NANTES = {"commune": "44109", "postal_code": "44000"}
PARIS = {"commune": "75056", "postal_code": "75011"}


@pytest.fixture
def adviser(teams, make_staff):  # noqa: F811
    """An adviser of the city of Nantes."""
    user, _device = make_staff("conseillere.nantes", teams["nantes"], first_name="Camille", last_name="Martin")
    return user


@pytest.fixture
def console(client, adviser):
    """The test client, logged in as the Nantes adviser with both factors."""
    log_in_verified(client, adviser)
    return client


@pytest.fixture
def client_factory():
    """New test clients: the person's browser, apart from the adviser's."""
    from django.test import Client

    return Client


@pytest.fixture
def paris_adviser(teams, make_staff):  # noqa: F811
    """An adviser of the city of Paris: another team than the `adviser`'s."""
    user, _device = make_staff("conseiller.paris", teams["paris"], first_name="Karim", last_name="Haddad")
    return user


@pytest.fixture
def paris_console(client_factory, paris_adviser):
    """Another browser, logged in as the Paris adviser."""
    client = client_factory()
    log_in_verified(client, paris_adviser)
    return client


@pytest.fixture
def answer_templates(db):
    """The legal answers shipped with the platform."""
    from recours.casework.models import AnswerTemplate
    from recours.casework.services import answer_templates_load

    answer_templates_load()
    return AnswerTemplate.objects.filter(team__isnull=True)


def backdate(case, *, days: int) -> None:
    """Make a case as if it had come in `days` ago (its wait derived again, as the services do)."""
    import datetime as dt

    from django.utils import timezone

    from recours.casework.models import Case
    from recours.casework.waiting import waiting_refresh

    queryset = Case.objects.filter(pk=case.pk)
    queryset.update(created_at=timezone.now() - dt.timedelta(days=days))
    waiting_refresh(queryset)
