"""The observatory listens to casework's signals (casework/signals.py).

`case_closed` makes or completes the case's record; `case_qualified` makes it early when
RECOURS_OBSERVATORY_RECORD_AT_QUALIFICATION is on; `case_purging` makes it, inside the purge's
transaction, for a case that has none yet (nothing is lost to the statistics).
"""

from __future__ import annotations

from django.conf import settings

from recours.casework import signals
from recours.observatory.models import RecordSource, Stage
from recours.observatory.services import record_save_for_case


def on_case_closed(sender, *, case, actor=None, **kwargs) -> None:
    record_save_for_case(case=case, stage=Stage.CLOSED, actor=actor)


def on_case_qualified(sender, *, case, actor=None, **kwargs) -> None:
    if settings.RECOURS_OBSERVATORY_RECORD_AT_QUALIFICATION:
        record_save_for_case(case=case, stage=Stage.QUALIFIED, actor=actor)


def on_case_purging(sender, *, case, actor=None, **kwargs) -> None:
    if not RecordSource.objects.filter(case=case).exists():
        record_save_for_case(case=case, stage=Stage.CLOSED, actor=actor)


def connect() -> None:
    signals.case_closed.connect(on_case_closed, dispatch_uid="observatory.case_closed")
    signals.case_qualified.connect(on_case_qualified, dispatch_uid="observatory.case_qualified")
    signals.case_purging.connect(on_case_purging, dispatch_uid="observatory.case_purging")
