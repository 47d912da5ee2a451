"""Idle timeout: a staff session ends after RECOURS_STAFF_IDLE_SECONDS without a request."""

import datetime as dt
from unittest import mock

from django.contrib.auth import SESSION_KEY
from django.utils import timezone

from recours.accounts.middleware import LAST_ACTIVITY_KEY
from tests.accounts.helpers import HOME_URL, LOGIN_URL, code_for, log_in
from tests.theme.helpers import parse


def at(seconds_from_now: int):
    return mock.patch("django.utils.timezone.now", return_value=timezone.now() + dt.timedelta(seconds=seconds_from_now))


def test_a_staff_session_idle_too_long_is_logged_out(client, teams, make_staff, settings):
    settings.RECOURS_STAFF_IDLE_SECONDS = 10 * 60
    user, device = make_staff("alice", teams["nantes"])
    log_in(client, "alice", code=code_for(device))
    with at(10 * 60 + 5):
        response = client.get(HOME_URL)
    assert response.status_code == 302 and response["Location"].startswith(LOGIN_URL)
    assert SESSION_KEY not in client.session


def test_the_login_page_says_the_session_ended_for_inactivity(client, teams, make_staff, settings):
    settings.RECOURS_STAFF_IDLE_SECONDS = 10 * 60
    user, device = make_staff("alice", teams["nantes"])
    log_in(client, "alice", code=code_for(device))
    with at(10 * 60 + 5):
        client.get(HOME_URL)
        page = parse(client.get(LOGIN_URL).content.decode()).plain_text
    assert "Votre session a pris fin après 10 minutes d'inactivité." in page


def test_activity_keeps_the_session_open(client, teams, make_staff, settings):
    settings.RECOURS_STAFF_IDLE_SECONDS = 10 * 60
    user, device = make_staff("alice", teams["nantes"])
    log_in(client, "alice", code=code_for(device))
    for minutes in (8, 16, 24):
        with at(minutes * 60):
            assert client.get(HOME_URL).status_code == 200


def test_the_default_idle_timeout_is_thirty_minutes(client, teams, make_staff):
    user, device = make_staff("alice", teams["nantes"])
    log_in(client, "alice", code=code_for(device))
    with at(29 * 60):
        assert client.get(HOME_URL).status_code == 200
    with at(29 * 60 + 30 * 60 + 5):
        assert client.get(HOME_URL).status_code == 302


def test_public_sessions_get_no_staff_timestamp(client, db):
    client.get("/formulaire/")
    client.post("/formulaire/", {"action": "start"})
    assert LAST_ACTIVITY_KEY not in client.session
