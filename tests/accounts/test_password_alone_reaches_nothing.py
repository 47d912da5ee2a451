"""A staff account without an authenticator app is sent to set one up right after its password,
and a session with the password alone reaches no route of the console or of the admin."""

import re
import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

from recours.accounts.models import Role
from tests.accounts.helpers import ENROL_URL, LOGIN_URL, PASSWORD, log_in, log_in_verified
from tests.factories import NANTES

OPEN = {LOGIN_URL, ENROL_URL, "/console/deconnexion/", "/gestion/admin/logout/"}  # the doors themselves
GUARDED = ("/console/", "/gestion/admin/")


def all_paths(values: dict) -> list[str]:
    """Every route of the project under the console and the admin, its parameters filled with `values`."""
    paths = []

    def walk(patterns, prefix):
        for entry in patterns:
            pattern = entry.pattern
            if isinstance(pattern, RoutePattern):
                part = re.sub(r"<(?:(\w+):)?(\w+)>", lambda m: str(values.get(m.group(2), values[m.group(1) or "str"])),
                              str(pattern))
            else:  # the admin's few regex routes: its app indexes
                part = str(pattern).lstrip("^").rstrip("$")
                part = re.sub(r"\(\?P<app_label>[^)]*\)", "auth", part)
                if "(" in part or "\\" in part:
                    continue
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + part)
            elif isinstance(entry, URLPattern):
                paths.append("/" + prefix + part)

    walk(get_resolver().url_patterns, "")
    return sorted({path for path in paths if path.startswith(GUARDED) and path not in OPEN})


@pytest.fixture
def walk_values(make_case):
    case, _ = make_case(**NANTES)
    return {"int": case.pk, "str": case.reference, "slug": case.reference, "path": case.reference,
            "uuid": uuid.uuid4(), "reference": case.reference, "pk": case.pk}


def refused(response) -> bool:
    """Sent to the login (or a 404/405 that tells nothing): never a page, a file or a change."""
    if response.status_code in (404, 405):
        return True
    return response.status_code == 302 and response["Location"].startswith((LOGIN_URL, "/gestion/admin/login/"))


def test_a_right_password_without_an_app_goes_straight_to_the_setup_whatever_was_asked(client, teams, make_staff):
    make_staff("alice", teams["national"], role=Role.ADMINISTRATOR, device=False, admin_site=True)
    response = log_in(client, "alice", next="/gestion/admin/")
    assert response.status_code == 302 and response["Location"] == ENROL_URL


def test_the_walk_covers_the_console_and_the_admin_and_both_factors_open_them(
    client, teams, make_staff, walk_values
):
    paths = all_paths(walk_values)
    assert len(paths) > 30
    for expected in ("/console/", "/console/dossiers/", "/console/annuaire/", "/gestion/admin/",
                     "/gestion/admin/auth/user/", f"/console/dossiers/{walk_values['reference']}/"):
        assert expected in paths
    user, _ = make_staff("alice", teams["nantes"], role=Role.ADMINISTRATOR, admin_site=True)
    log_in_verified(client, user)
    reached = [path for path in paths if not refused(client.get(path))]
    assert {"/console/", "/console/dossiers/", f"/console/dossiers/{walk_values['reference']}/",
            "/gestion/admin/auth/user/"} <= set(reached)


def test_no_route_of_the_console_or_the_admin_opens_to_the_password_alone(client, teams, make_staff, walk_values):
    make_staff("alice", teams["national"], role=Role.ADMINISTRATOR, device=False, admin_site=True)
    assert log_in(client, "alice")["Location"] == ENROL_URL  # password right: pending, enrolment only
    reached = [
        (method, path, response.status_code)
        for path in all_paths(walk_values)
        for method, response in (("GET", client.get(path)), ("POST", client.post(path, {})))
        if not refused(response)
    ]
    assert not reached


def test_no_route_opens_to_a_session_logged_in_by_password_alone(client, teams, make_staff, walk_values):
    """As if some door had logged the person in after the password: the second factor is still asked."""
    make_staff("alice", teams["national"], role=Role.ADMINISTRATOR, admin_site=True)
    assert client.login(username="alice", password=PASSWORD)  # Django's login: no second factor
    reached = [
        (method, path, response.status_code)
        for path in all_paths(walk_values)
        for method, response in (("GET", client.get(path)), ("POST", client.post(path, {})))
        if not refused(response)
    ]
    assert not reached
