"""Retention: the personal data of closed cases is purged on schedule; the record stays.

The observatory decides which cases go and when: how long after closure depends on the
outcome (settings.RECOURS_RETENTION_MONTHS). Casework purges them
(`casework.services.case_purge`): it sends `case_purging` first, so the observatory makes the
anonymised record the case lacks (receivers.py), then deletes the case and every row that
belongs to it in any app (messages, attachments, notes, orientations, the observatory's link
to its record and its excerpt review, the chat's conversation, the mails). The audit trail
stays, generalised: its events keep the case's id as a plain integer, who and when, and lose
their details (`core.audit.audit_scrub_case`); one more event says the case was purged, with
no pointer to the record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from recours.casework.models import Case, Status
from recours.casework.services import case_purge


def retention_months(outcome: str) -> int:
    months = settings.RECOURS_RETENTION_MONTHS
    return months.get(outcome or "", months.get("default", 12))


def _months_before(moment: dt.datetime, months: int) -> dt.datetime:
    year, month = divmod(moment.month - 1 - months, 12)
    year += moment.year
    month += 1
    day = min(moment.day, 28)
    return moment.replace(year=year, month=month, day=day)


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
        "pk", "reference", "outcome", "closed_at"
    )
    for case in closed.order_by("pk").iterator():
        closed_at, outcome = case.closed_at, case.outcome
        if closed_at is None:
            continue
        if closed_at <= _months_before(now, retention_months(outcome)):
            purge_after = closed_at + (now - _months_before(now, retention_months(outcome)))
            due.append(Due(case.pk, case.reference, outcome, closed_at, purge_after))
    return sorted(due, key=lambda d: d.closed_at)


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
