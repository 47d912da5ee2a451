"""Issue 19.2: the national team, created lazily inside a report's transaction that then rolled
back, stayed in the process's table of territories with an id that no row had."""

import pytest
from django.core.management import call_command
from django.db import transaction

from recours.accounts.models import Team
from recours.accounts.routing import routing_cache_clear, team_for_location
from recours.casework.services import case_create_from_report

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _reference_data(live_reference_data):
    """The database is emptied after each test here: reload taxonomies and two départements."""


@pytest.fixture
def table_kept(settings):
    settings.RECOURS_REFERENCE_CACHE_SECONDS = 3600
    routing_cache_clear()
    yield
    routing_cache_clear()


def test_a_national_team_created_in_a_transaction_that_rolls_back_is_not_kept(table_kept, report_input):
    assert not Team.objects.filter(is_national=True).exists()
    with pytest.raises(RuntimeError), transaction.atomic():
        team_for_location(commune_id=None)  # the first report: the national team is made here
        raise RuntimeError("the report fails after routing")
    assert not Team.objects.filter(is_national=True).exists()

    case, _receipt = case_create_from_report(report=report_input(commune=None, postal_code="", online=True))

    case.refresh_from_db()
    assert case.team.is_national and Team.objects.filter(is_national=True).count() == 1


def test_the_national_team_exists_from_setup(db):
    assert not Team.objects.filter(is_national=True).exists()
    call_command("load_reference_data", verbosity=0)
    assert Team.objects.filter(is_national=True).count() == 1
