"""Every route of the partner space and of the console, tried by whoever should not reach a
case of the Handicap collective: a member of another partner, a visitor without an account, a
staff member without partner membership; and every console route tried by a partner member.

The routes are read from the URL configuration, so a route added tomorrow is tried too. Each
actor sends GET and POST with the reference of a report the collective filed and the id of a
hand-over it received; none may read them (no reference, narrative or hand-over message in any
answer, a 404 on the routes that name them) nor change anything (states, messages, members).
"""

from __future__ import annotations

import re

import pytest
from django.test import Client

from recours.casework.models import Orientation, PartnerMessage
from recours.core.models import AuditEvent
from recours.partners.models import PartnerMember
from tests.accounts.helpers import log_in_verified
from tests.casework.test_no_route_reaches_another_team import _routes
from tests.partners.conftest import logged_in

SKIPPED = ("connexion", "deconnexion", "invitation/")  # the login pages and the invitation's own token
SECRETS = ("L'agence", "Merci de la recevoir", "Message au partenaire")


def routes(prefix: str) -> list[str]:
    return sorted({route for route, _c in _routes() if route.startswith(prefix) and not any(s in route for s in SKIPPED)})


def _url(route: str, *, reference: str, pk: int) -> str:
    def fill(match):
        return reference if match.group(2) in ("reference", "ref", "case_reference") else str(pk)

    return "/" + re.sub(r"<((?:\w+):)?(\w+)>", fill, route)


@pytest.fixture
def targets(filed, handed_over, handi_member, adviser):
    from recours.casework.services import case_message_to_partner

    case, _receipt = filed()
    case_message_to_partner(case=case, body="Message au partenaire", actor=adviser)
    return case, handed_over


def _state(case, orientation):
    orientation.refresh_from_db()
    return (
        orientation.status, orientation.acknowledged_at, orientation.partner_comment,
        PartnerMessage.objects.filter(case=case).count(), PartnerMember.objects.count(),
        AuditEvent.objects.filter(case_id__in=[case.pk, orientation.case_id]).count(),
    )


FORM = {"action": "accept", "comment": "x", "body": "x", "member": "1", "email": "x@example.org",
        "person_present": "yes", "share_with_partner": "yes", "contact_way": "direct", "consent": "on"}


def _try(client, url, *, named: bool, case):
    for response in (client.get(url), client.post(url, {**FORM})):
        text = response.content.decode()
        assert not any(secret in text for secret in SECRETS), (url, response.status_code)
        assert case.reference not in text, url
        if named:
            assert response.status_code in (302, 403, 404, 405), (url, response.status_code)


def test_the_sweep_finds_the_partner_routes():
    found = routes("partenaires/")
    assert "partenaires/dossiers/<str:reference>/" in found
    assert "partenaires/orientations/<int:pk>/" in found


@pytest.mark.parametrize("route", routes("partenaires/"))
def test_no_partner_route_reaches_another_partners_case(targets, victims_member, route):
    case, orientation = targets
    client = logged_in(victims_member)
    before = _state(case, orientation)
    url = _url(route, reference=case.reference, pk=orientation.pk)
    _try(client, url, named="<" in route, case=case)
    assert _state(case, orientation) == before, url


@pytest.mark.parametrize("route", routes("partenaires/"))
def test_no_partner_route_opens_to_visitors_or_staff(targets, console, route):
    case, orientation = targets
    before = _state(case, orientation)
    url = _url(route, reference=case.reference, pk=orientation.pk)
    for client in (Client(), console):
        _try(client, url, named=True, case=case)
    assert _state(case, orientation) == before, url


@pytest.mark.parametrize("route", routes("console/"))
def test_no_console_route_opens_to_a_partner_member(targets, handi_member, route):
    case, orientation = targets
    client = logged_in(handi_member)
    before = _state(case, orientation)
    url = _url(route, reference=case.reference, pk=orientation.pk)
    for response in (client.get(url), client.post(url, {**FORM})):
        assert response.status_code in (302, 403, 404, 405), (url, response.status_code)
    assert _state(case, orientation) == before, url
