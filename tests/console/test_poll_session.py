"""Polling only reads the session: it neither extends it nor races the page loads' saves.

A previous attempt saved the session on every poll (SESSION_SAVE_EVERY_REQUEST, the staff idle
timeout's last activity): a poll and a page load of the same browser then saved the same row at
once, and a failed save is a 400 "Requête incorrecte" (SessionInterrupted) on the page.
"""

import datetime as dt
import threading
import urllib.error
import urllib.request
from unittest import mock

from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from recours.accounts.middleware import LAST_ACTIVITY_KEY
from tests.accounts.helpers import HOME_URL, code_for, log_in

URL = "/console/notifications/"


def at(seconds_from_now: int):
    return mock.patch("django.utils.timezone.now", return_value=timezone.now() + dt.timedelta(seconds=seconds_from_now))


def session_row(client) -> tuple:
    row = Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)
    return row.session_data, row.expire_date


def test_a_poll_does_not_write_the_session(client, teams, make_staff):
    user, device = make_staff("alice", teams["nantes"])
    log_in(client, "alice", code=code_for(device))
    client.get(HOME_URL)
    before = session_row(client)
    last_activity = client.session[LAST_ACTIVITY_KEY]
    with at(60):
        assert client.get(URL).status_code == 200
    assert session_row(client) == before and client.session[LAST_ACTIVITY_KEY] == last_activity
    assert "Set-Cookie" not in str(client.get(URL).cookies)


def test_a_poll_is_not_activity_the_session_still_ends_when_idle(client, teams, make_staff, settings):
    settings.RECOURS_STAFF_IDLE_SECONDS = 10 * 60
    user, device = make_staff("alice", teams["nantes"])
    log_in(client, "alice", code=code_for(device))
    for minutes in (4, 8):
        with at(minutes * 60):
            assert client.get(URL).status_code == 200
    with at(11 * 60):
        assert client.get(URL).status_code == 302  # idle: refused, the session left as it is
        assert client.get(HOME_URL).status_code == 302  # the next page ends it


def test_concurrent_polls_and_page_loads_never_answer_400(
    live_server, live_reference_data, teams, make_staff, make_case, client
):
    user, device = make_staff("alice", teams["nantes"])
    case, _ = make_case(commune="44109", postal_code="44000")
    log_in(client, "alice", code=code_for(device))
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    statuses: list[int] = []

    def get(path):
        request = urllib.request.Request(live_server.url + path, headers={"Cookie": cookie})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                statuses.append(response.status)
        except urllib.error.HTTPError as error:
            statuses.append(error.code)

    # One tab loads pages one after the other while the polls of several tabs run alongside.
    pages = [f"/console/dossiers/{case.reference}/", HOME_URL] * 6
    polls = [threading.Thread(target=get, args=(URL,)) for _ in range(48)]
    loader = threading.Thread(target=lambda: [get(path) for path in pages])
    for thread in [loader, *polls]:
        thread.start()
    for thread in [loader, *polls]:
        thread.join()
    assert len(statuses) == len(pages) + len(polls) and set(statuses) == {200}, statuses


def test_the_stylesheets_loaded_beside_each_page_do_not_write_the_session(client, teams, make_staff):
    # Loaded in parallel with the page that links them: a save from each would race the page's.
    user, device = make_staff("alice", teams["nantes"])
    log_in(client, "alice", code=code_for(device))
    client.get(HOME_URL)
    before = session_row(client)
    with at(60):
        assert client.get("/theme/instance.css").status_code == 200
    assert session_row(client) == before
