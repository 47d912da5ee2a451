"""The observatory listens to casework's signals (sent after the transaction commits).

`casework.signals.case_closed` makes or completes the case's record; `case_qualified` makes
it early when RECOURS_OBSERVATORY_RECORD_AT_QUALIFICATION is on. The signals belong to
casework (issue 7's contract); until that module exists there is nothing to connect to.
"""

from __future__ import annotations

from django.conf import settings

from recours.observatory.models import Stage


def on_case_closed(sender, *, case, actor=None, **kwargs) -> None:
    from recours.observatory.services import record_save_for_case

    record_save_for_case(case=case, stage=Stage.CLOSED, actor=actor)


def on_case_qualified(sender, *, case, actor=None, **kwargs) -> None:
    if not settings.RECOURS_OBSERVATORY_RECORD_AT_QUALIFICATION:
        return
    from recours.observatory.services import record_save_for_case

    record_save_for_case(case=case, stage=Stage.QUALIFIED, actor=actor)


def connect() -> bool:
    """Connect to casework's signals; False when casework has none yet."""
    try:
        from recours.casework import signals
    except ImportError:
        return False
    closed = getattr(signals, "case_closed", None)
    qualified = getattr(signals, "case_qualified", None)
    if closed is not None:
        closed.connect(on_case_closed, dispatch_uid="observatory.case_closed")
    if qualified is not None:
        qualified.connect(on_case_qualified, dispatch_uid="observatory.case_qualified")
    return closed is not None
