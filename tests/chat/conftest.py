"""Teams, advisers present and a chat always open, for the chat tests."""

import pytest

from recours.chat import hours
from recours.chat.services import presence_beat
from tests.accounts.conftest import make_staff, teams  # noqa: F401  (shared fixtures)
from tests.accounts.helpers import log_in_verified


@pytest.fixture
def always_open(settings, monkeypatch):
    """Every day, all day, no public holiday: tests do not depend on when they run."""
    settings.RECOURS_CHAT_HOURS = "1-7 00:00-23:59:59"
    monkeypatch.setattr(hours, "is_closed_day", lambda day: False)


@pytest.fixture
def adviser(teams, make_staff):  # noqa: F811
    """An adviser of the city of Nantes, online for the chat."""
    user, _device = make_staff("camille", teams["nantes"], first_name="Camille", last_name="Martin")
    presence_beat(user)
    return user


@pytest.fixture
def colleague(teams, make_staff):  # noqa: F811
    user, _device = make_staff("dominique", teams["nantes"], first_name="Dominique", last_name="Petit")
    return user


@pytest.fixture
def paris_adviser(teams, make_staff):  # noqa: F811
    user, _device = make_staff("sacha", teams["paris"], first_name="Sacha", last_name="Durand")
    presence_beat(user)
    return user


@pytest.fixture
def console(client, adviser):
    log_in_verified(client, adviser)
    return client
