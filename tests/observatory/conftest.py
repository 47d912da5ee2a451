"""Closed cases for the observatory tests, through casework's services."""

import datetime as dt

import pytest
from django.utils import timezone

from recours.casework import services as casework_services
from recours.casework.models import Status
from tests.casework.conftest import adviser, console  # noqa: F401
from tests.accounts.conftest import make_staff, teams  # noqa: F401


def close(case, *, outcome: str = "information", actor=None, when: dt.datetime | None = None):
    """Close a case as the console does: casework's `case_close` when it exists (issue 7's
    contract), else the status service; then date the closure `when` if given."""
    if hasattr(casework_services, "case_close"):
        casework_services.case_close(case=case, outcome=outcome, actor=actor)
    else:
        casework_services.case_status_set(case=case, status=Status.CLOSED, actor=actor)
    case.refresh_from_db()
    if when is not None:
        updates = {"status_changed_at": when}
        if hasattr(case, "closed_at"):
            updates["closed_at"] = when
        type(case).objects.filter(pk=case.pk).update(**updates)
        case.refresh_from_db()
    return case


@pytest.fixture
def closed_case(make_case):
    def make(*, outcome="information", when=None, **overrides):
        case, _receipt = make_case(**overrides)
        return close(case, outcome=outcome, when=when)

    return make


@pytest.fixture
def long_ago():
    return timezone.now() - dt.timedelta(days=800)


@pytest.fixture
def add_records(db):
    """Anonymised records inserted as the services do (record, then its rollups)."""
    from recours.observatory.models import AnonymisedRecord, Stage
    from recours.observatory.services import rollup_apply

    def add(count: int = 1, **fields):
        month = timezone.localdate().replace(day=1)
        values = {"stage": Stage.CLOSED, "month": month, "departement": "44", "region": "52", "channel": "form",
                  "domain": "logement", "criteria": ["origine"], "outcome": "information", "reporter_role": "victime",
                  "days_to_first_answer": 1, "days_to_closure": 10} | fields
        records = [AnonymisedRecord.objects.create(**values) for _ in range(count)]
        rollup_apply(records)
        return records

    return add


@pytest.fixture
def coordinator(teams, make_staff):  # noqa: F811
    from recours.accounts.models import Role

    user, _device = make_staff("coordinatrice.44", teams["loire_atlantique"], role=Role.COORDINATOR)
    return user
