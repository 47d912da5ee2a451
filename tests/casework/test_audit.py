"""The audit trail is append-only and survives the purge of a case."""

import pytest

from recours.casework.models import Case
from recours.core.audit import audit_events_for_case, audit_record
from recours.core.models import AuditEvent
from tests.factories import NANTES


def test_an_audit_event_cannot_be_changed_or_deleted(adviser, make_case):
    case, _ = make_case(**NANTES)
    event = audit_record(actor=adviser, action="case.view", case=case)
    event.action = "rien"
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()


def test_the_trail_of_a_case_stays_after_the_case_is_deleted(adviser, make_case):
    case, _ = make_case(**NANTES)
    audit_record(actor=adviser, action="case.view", case=case)
    case_id = case.pk
    Case.objects.filter(pk=case_id).delete()
    assert [event.action for event in audit_events_for_case(case_id)] == ["case.view"]
    assert AuditEvent.objects.get(case_id=case_id).actor == adviser
