"""Casework's gauges for the metrics endpoint (core.metrics, read at each scrape)."""

from recours.casework.models import Case, Status
from recours.core.metrics import metrics_gauge


@metrics_gauge("recours_cases_new", "Cases not yet taken up (the advisers' queue).")
def cases_new() -> int:
    return Case.objects.filter(status=Status.NEW).count()
