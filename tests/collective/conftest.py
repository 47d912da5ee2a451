"""Teams, staff, cases and respondents for the collective treatment's tests."""

import pytest

from tests.accounts.helpers import log_in_verified



@pytest.fixture
def coordinator(teams, make_staff):  # noqa: F811
    """The coordinator of the city of Nantes."""
    user, _device = make_staff("coord.nantes", teams["nantes"], role="coordinator", first_name="Léa", last_name="Roux")
    return user


@pytest.fixture
def coordinator_console(client_factory, coordinator):  # noqa: F811
    client = client_factory()
    log_in_verified(client, coordinator)
    return client


@pytest.fixture
def paris_coordinator(teams, make_staff):  # noqa: F811
    user, _device = make_staff("coord.paris", teams["paris"], role="coordinator")
    return user


@pytest.fixture
def organisation(db):
    """An organisation, created from a first case of Nantes."""

    def make(name="SCI Les Tilleuls", *, case, actor, kind="landlord", **fields):
        from recours.collective.services import respondent_create

        return respondent_create(nature="organisation", kind=kind, name=name, case=case, actor=actor, **fields)

    return make
