"""Changing a case's status records who and when."""

from recours.casework.models import Status
from recours.core.models import AuditEvent
from tests.factories import NANTES
from tests.intake.walk import page


def test_changing_the_status_records_who_and_when(console, adviser, make_case):
    case, _ = make_case(**NANTES)
    response = console.post(f"/console/dossiers/{case.reference}/statut/", {"status": Status.AWAITING_PERSON})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.AWAITING_PERSON
    assert case.status_changed_by == adviser and case.status_changed_at is not None
    event = AuditEvent.objects.get(case_id=case.pk, action="case.status")
    assert event.detail == {"before": "new", "after": "awaiting_person"}
    assert "Statut modifié : nouveau → en attente de la personne" in page(console.get(f"/console/dossiers/{case.reference}/"))


def test_an_unknown_status_is_refused(console, make_case):
    case, _ = make_case(**NANTES)
    response = console.post(f"/console/dossiers/{case.reference}/statut/", {"status": "deleted"})
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.status == Status.NEW
