"""The audit trail: one place that records every read and change of a case.

`detail` must hold ids, codes and labels of the platform only — never what a person
wrote (narrative, messages, notes) nor their contact.
"""

from __future__ import annotations

from recours.core.models import AuditEvent


def audit_record(*, actor, action: str, case=None, **detail) -> AuditEvent:
    """Append one event; `case` is a case or its id (kept as a plain id, so purges keep the trail)."""
    case_id = getattr(case, "pk", case)
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(actor=user, action=action, case_id=case_id, detail=detail)


def audit_events_for_case(case) -> list[AuditEvent]:
    """The trail of one case, oldest first, with the actors."""
    return list(AuditEvent.objects.filter(case_id=getattr(case, "pk", case)).select_related("actor"))
