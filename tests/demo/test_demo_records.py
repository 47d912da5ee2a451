"""The demo's anonymised records: enough for the dashboards to show something, made once."""

from recours.demo.observatory import DEMO_RECORD_COUNT
from recours.demo.services import demo_load
from recours.observatory.models import AnonymisedRecord, RollupCases


def test_the_demo_fills_the_observatory_once_with_its_rollups(db):
    demo_load()
    assert AnonymisedRecord.objects.count() == DEMO_RECORD_COUNT
    records = AnonymisedRecord.objects.all()
    assert {r.departement for r in records} >= {"44", "75"}
    assert {c for r in records for c in r.criteria} >= {"handicap", "origine"}
    assert RollupCases.objects.exists()
    # each record drew its own cell key, and the rollups keep their sums (the published noise)
    assert len({r.cell_key for r in records}) == 256
    from django.db.models import Sum

    national = RollupCases.objects.filter(departement="*").aggregate(keys=Sum("key_sum"))["keys"]
    assert national == sum(r.cell_key for r in records)
    demo_load()
    assert AnonymisedRecord.objects.count() == DEMO_RECORD_COUNT


def test_an_instance_with_records_of_its_own_gets_no_demo_records(db):
    from recours.demo.observatory import demo_records_load

    demo_records_load(count=5)
    assert demo_records_load() == 0
    assert AnonymisedRecord.objects.count() == 5
