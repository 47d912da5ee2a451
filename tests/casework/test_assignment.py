"""Assigning a case: to me from the queue, or to a colleague of the case's team."""

from recours.core.models import AuditEvent
from tests.factories import NANTES


def test_an_adviser_assigns_a_case_to_themselves_from_the_queue(console, adviser, make_case):
    case, _ = make_case(**NANTES)
    response = console.post(
        f"/console/dossiers/{case.reference}/attribuer/", {"assignee": "moi", "next": "/console/dossiers/?vue=moi"}
    )
    assert response.status_code == 302 and response["Location"] == "/console/dossiers/?vue=moi"
    case.refresh_from_db()
    assert case.assigned_to == adviser
    assert AuditEvent.objects.filter(case_id=case.pk, action="case.assign", actor=adviser).exists()
    assert case.reference in console.get("/console/dossiers/?vue=moi").content.decode()


def test_a_case_is_assigned_to_a_colleague_of_the_same_team(console, teams, make_staff, make_case):
    case, _ = make_case(**NANTES)
    colleague, _ = make_staff("collegue.nantes", teams["nantes"])
    console.post(f"/console/dossiers/{case.reference}/attribuer/", {"assignee": str(colleague.pk)})
    case.refresh_from_db()
    assert case.assigned_to == colleague


def test_a_case_cannot_be_assigned_to_someone_of_another_team(console, teams, make_staff, make_case):
    case, _ = make_case(**NANTES)
    stranger, _ = make_staff("agent.paris", teams["paris"])
    response = console.post(f"/console/dossiers/{case.reference}/attribuer/", {"assignee": str(stranger.pk)})
    assert response.status_code == 200
    assert "Il y a un problème" in response.content.decode()
    case.refresh_from_db()
    assert case.assigned_to is None


def test_the_open_redirect_after_assigning_goes_back_to_the_case(console, make_case):
    case, _ = make_case(**NANTES)
    response = console.post(
        f"/console/dossiers/{case.reference}/attribuer/", {"assignee": "moi", "next": "https://example.com/"}
    )
    assert response["Location"] == f"/console/dossiers/{case.reference}/"
