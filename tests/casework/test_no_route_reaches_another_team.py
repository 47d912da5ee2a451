"""Every URL that names a case, whatever app declares it, refuses another team's case.

The list of routes is read from the URL configuration, so a route added tomorrow is tried
too: an adviser of Nantes sends GET and POST to each of them with the reference of a case
of Paris, and must get a 404 (or 403) and leave the case exactly as it was, unread.
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from recours.core.models import AuditEvent
from tests.factories import PARIS

CASE_KWARGS = ("reference", "case_reference", "ref")


def _routes(patterns=None, prefix: str = ""):
    """(route template, converters) of every URL pattern, includes flattened."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, dict(pattern.pattern.converters)


def case_routes() -> list[str]:
    found = []
    for route, converters in _routes():
        names = re.findall(r"<(?:\w+:)?(\w+)>", route)
        if any(name in CASE_KWARGS for name in names):
            found.append(route)
    return sorted(set(found))


def _url(route: str, *, reference: str, other_id: int) -> str:
    def fill(match):
        name = match.group(2)
        return reference if name in CASE_KWARGS else str(other_id)

    return "/" + re.sub(r"<((?:\w+):)?(\w+)>", fill, route).lstrip("^").rstrip("$")


def test_the_sweep_finds_the_case_routes_of_the_console():
    routes = case_routes()
    assert "console/dossiers/<str:reference>/" in routes
    assert len(routes) >= 5, routes


@pytest.mark.parametrize("route", case_routes())
def test_no_case_route_reaches_another_teams_case(console, make_case, route):
    theirs, _ = make_case(**PARIS)
    before = (theirs.status, theirs.team_id, theirs.assigned_to_id, theirs.messages.count(), theirs.notes.count())
    audit_before = AuditEvent.objects.filter(case_id=theirs.pk).count()
    url = _url(route, reference=theirs.reference, other_id=theirs.pk)
    form = {
        "body": "x", "status": "closed", "outcome": "information", "assignee": "moi", "note": "x",
        "team": "1", "consent": "on", "reasoning": "x",
    }
    for response in (console.get(url), console.post(url, form)):
        # 401: the partner API asks a partner key (api/partner.py) before anything else.
        assert response.status_code in (401, 403, 404, 405), (url, response.status_code)
    theirs.refresh_from_db()
    after = (theirs.status, theirs.team_id, theirs.assigned_to_id, theirs.messages.count(), theirs.notes.count())
    assert after == before, url
    assert AuditEvent.objects.filter(case_id=theirs.pk).count() == audit_before, url
