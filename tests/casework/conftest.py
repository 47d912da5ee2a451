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
