"""Shared fixtures: reference data once per session, reports made through the real services."""

import pytest

from recours.casework.services import ReportInput, case_create_from_report
from recours.geo.services import geo_load
from recours.taxonomy.services import taxonomy_load


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Taxonomies and the whole of French geography, loaded once into the test database."""
    with django_db_blocker.unblock():
        taxonomy_load()
        geo_load()


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin client, also verified by a second factor: the admin requires one (recours.accounts)."""
    from tests.accounts.helpers import log_in_verified

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
