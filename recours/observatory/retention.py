"""Retention: the personal data of closed cases is purged on schedule; the record stays.

How long after closure depends on the outcome (settings.RECOURS_RETENTION_MONTHS). Purging
a case deletes it, and with it (by cascade) every row that belongs to it in any app:
messages, attachments, notes, the observatory's link to its record and its excerpt review,
and whatever other apps hang on the case. Before that, the case's anonymised record is made
if it was not (so nothing is lost to the statistics). The audit trail stays: its events
keep the case's id as a plain integer; one more event says the case was purged, with no
pointer to the record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from recours.casework.models import Case, Status
from recours.core.audit import audit_record
from recours.observatory.models import RecordSource, Stage


def retention_months(outcome: str) -> int:
    months = settings.RECOURS_RETENTION_MONTHS
    return months.get(outcome or "", months.get("default", 12))


def _months_before(moment: dt.datetime, months: int) -> dt.datetime:
    year, month = divmod(moment.month - 1 - months, 12)
    year += moment.year
    month += 1
    day = min(moment.day, 28)
    return moment.replace(year=year, month=month, day=day)


def _closed_at(case: Case):
    """When the case was closed: `closed_at` (casework's contract), else the last status change."""
    return getattr(case, "closed_at", None) or case.status_changed_at


@dataclass(frozen=True)
class Due:
    case_id: int
    reference: str
    outcome: str
    closed_at: dt.datetime
    purge_after: dt.datetime


def cases_due_for_purge(*, now: dt.datetime | None = None, cases=None) -> list[Due]:
    """Closed cases (of `cases`, a queryset, or all) whose retention period is over, oldest closure first."""
    now = now or timezone.now()
    due = []
    closed = (Case.objects if cases is None else cases).filter(status=Status.CLOSED).only(  # never read (so never decrypt) what is not needed
        "pk", "reference", "outcome", "closed_at", "status_changed_at"
    )
    for case in closed.order_by("pk").iterator():
        closed_at = _closed_at(case)
        if closed_at is None:
            continue
        outcome = getattr(case, "outcome", "") or ""
        if closed_at <= _months_before(now, retention_months(outcome)):
            purge_after = closed_at + (now - _months_before(now, retention_months(outcome)))
            due.append(Due(case.pk, case.reference, outcome, closed_at, purge_after))
    return sorted(due, key=lambda d: d.closed_at)


def case_purge(*, case: Case, actor=None) -> None:
    """Delete a case and every row of personal data hanging on it; its record stays."""
    from recours.observatory.services import record_save_for_case

    with transaction.atomic():
        if not RecordSource.objects.filter(case=case).exists():
            record_save_for_case(case=case, stage=Stage.CLOSED, actor=actor)
        case_id, outcome = case.pk, getattr(case, "outcome", "") or ""
        closed_at = _closed_at(case)
        _delete_rows_kept_apart(case)
        case.delete()
        audit_record(
            actor=actor, action="case.purge", case=case_id, outcome=outcome,
            closed_month=closed_at.strftime("%Y-%m") if closed_at else "",
        )


def _delete_rows_kept_apart(case: Case) -> None:
    """Rows of other apps that point at the case without cascading (SET_NULL, PROTECT...):
    a chat conversation that became the case, for instance. They hold the case's personal
    data too, so they go with it (their own children cascade as usual)."""
    from django.db.models import CASCADE

    from recours.core.models import OutboundMail

    for relation in Case._meta.related_objects:
        if relation.many_to_many or relation.on_delete is CASCADE:
            continue
        relation.related_model._base_manager.filter(**{relation.field.name: case}).delete()
    # The outbox keeps the case as a plain id (core knows no casework): its mails go too.
    OutboundMail.objects.filter(case_id=case.pk).delete()


def retention_purge(*, now: dt.datetime | None = None, dry_run: bool = False, actor=None) -> list[Due]:
    """Purge every case due; with dry_run, only say which ones would go."""
    due = cases_due_for_purge(now=now)
    if dry_run:
        return due
    for item in due:
        case = Case.objects.filter(pk=item.case_id).first()
        if case is not None:
            case_purge(case=case, actor=actor)
    return due
