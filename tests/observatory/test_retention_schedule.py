"""The retention purge runs by itself, daily, through the periodic runner."""

import datetime as dt

from django.utils import timezone

from recours.casework.models import Case
from recours.core.models import AuditEvent, PeriodicRun
from recours.core.periodic import run_periodic
from recours.observatory.models import AnonymisedRecord


def test_the_daily_run_purges_what_is_due_and_keeps_the_records(closed_case):
    now = timezone.now()
    old = closed_case(when=now - dt.timedelta(days=400))
    recent = closed_case(when=now - dt.timedelta(days=10))
    records_before = AnonymisedRecord.objects.count()
    assert "retention.purge" in run_periodic(now=now)
    assert list(Case.objects.values_list("pk", flat=True)) == [recent.pk]
    assert AnonymisedRecord.objects.count() == max(records_before, 1)  # made before the purge if missing, kept
    assert AuditEvent.objects.filter(case_id=old.pk, action="case.purge").count() == 1
    assert PeriodicRun.objects.get(name="retention.purge").last_summary == "1 dossier purgé"
    # Not again the same day, even if the runner is called every minute.
    assert "retention.purge" not in run_periodic(now=now + dt.timedelta(minutes=1))
