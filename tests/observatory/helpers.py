"""Helpers of the observatory's tests: closing a case as the console does, the last complete
month, and what a reader of the published figures sees."""

import datetime as dt

from django.utils import timezone

from recours.casework import services as casework_services


def close(case, *, outcome: str = "information", actor=None, when: dt.datetime | None = None):
    """Close a case as the console does (casework's `case_close`), then date the closure `when` if given."""
    casework_services.case_close(case=case, outcome=outcome, actor=actor)
    case.refresh_from_db()
    if when is not None:
        type(case).objects.filter(pk=case.pk).update(status_changed_at=when, closed_at=when)
        case.refresh_from_db()
    return case


def last_month() -> dt.date:
    """The last complete month: the latest one the public figures show."""
    return (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def published(*groups) -> int | None:
    """What a reader of the published figures sees for the count of these records (lists of
    records, added together): the cell-key perturbation applied to the true count."""
    from django.conf import settings

    from recours.observatory.disclosure import cell_key, published_count

    records = [record for group in groups for record in group]
    return published_count(
        len(records), cell_key(sum(r.cell_key for r in records)),
        threshold=settings.RECOURS_OBSERVATORY_MIN_CELL, max_noise=settings.RECOURS_OBSERVATORY_MAX_NOISE,
    )
