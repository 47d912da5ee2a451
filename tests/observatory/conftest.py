"""Closed cases for the observatory tests, through casework's services."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.observatory.helpers import close, last_month


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
    """Anonymised records inserted as the services do (record, then its rollups), in the
    last complete month unless `month` is given; returns them."""
    from recours.observatory.models import AnonymisedRecord, Stage
    from recours.observatory.services import rollup_apply

    def add(count: int = 1, **fields):
        month = last_month()
        values = {"stage": Stage.CLOSED, "month": month, "departement": "44", "region": "52", "channel": "form",
                  "domain": "logement", "criteria": ["origine"], "outcome": "information", "reporter_role": "victime",
                  "days_to_first_answer": 1, "days_to_closure": 10} | fields
        records = [AnonymisedRecord.objects.create(**values) for _ in range(count)]
        rollup_apply(records)
        return records

    add.this_month = timezone.localdate().replace(day=1)
    return add
