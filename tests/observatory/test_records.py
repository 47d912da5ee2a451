"""A closed case leaves an anonymised record: generalised fields, nothing that identifies."""

import json

import pytest
from django.db import models
from django.utils import timezone

from recours.casework.models import Case
from recours.observatory.models import NATIONAL, AnonymisedRecord, RecordSource, RollupCases, RollupCriteria, RollupOutcomes, Stage
from recours.observatory.services import age_band, record_save_for_case, rollup_rebuild

PERSONAL = {
    "narrative": "Je m'appelle Karim Benali, tel 06 12 34 56 78. Refusé au 12 rue de la Paix.",
    "contact": {"name": "Karim Benali", "email": "karim.benali@example.org", "phone": "0612345678"},
    "details": {"respondent": "Agence Dupont Immobilier", "age": 41},
}


def record_text(record) -> str:
    return json.dumps({f.name: getattr(record, f.attname) for f in record._meta.fields}, default=str)


def test_a_closed_case_makes_a_record_with_generalised_fields(closed_case):
    case = closed_case(**PERSONAL)
    record = record_save_for_case(case=case, stage=Stage.CLOSED)
    assert record.departement == "44" and record.region == "52"
    assert record.month == timezone.localtime(case.created_at).date().replace(day=1)  # Paris time
    assert record.criteria == ["patronyme"] and record.domain == "logement"
    assert record.channel == "form" and record.reporter_role == "victime"
    assert record.age_band == "35-49"


def test_a_case_whose_code_has_several_communes_none_chosen_is_counted_in_its_departement(closed_case):
    record = record_save_for_case(case=closed_case(commune=None, postal_code="44470"), stage=Stage.CLOSED)
    assert (record.departement, record.region) == ("44", "52")


def test_no_identifying_field_survives_anonymisation(closed_case):
    case = closed_case(**PERSONAL)
    text = record_text(record_save_for_case(case=case, stage=Stage.CLOSED))
    for secret in ["Karim", "Benali", "06 12 34 56 78", "0612345678", "karim.benali", "Paix", "Dupont",
                   case.reference, "44109", "44000", "Nantes", case.receipt_hash]:
        assert secret not in text


def test_the_record_has_no_link_to_the_case_and_an_unguessable_id(closed_case):
    assert not [f for f in AnonymisedRecord._meta.get_fields() if f.is_relation and f.concrete]
    record = record_save_for_case(case=closed_case(), stage=Stage.CLOSED)
    assert record.pk.version == 4


def test_the_record_outlives_the_case(closed_case):
    case = closed_case()
    record = record_save_for_case(case=case, stage=Stage.CLOSED)
    case.delete()
    assert AnonymisedRecord.objects.filter(pk=record.pk).exists()
    assert not RecordSource.objects.exists()


def test_a_case_makes_one_record_completed_at_closure(make_case):
    case, _ = make_case()
    record_save_for_case(case=case, stage=Stage.QUALIFIED)
    from tests.observatory.helpers import close

    close(case, outcome="orientation")
    record = record_save_for_case(case=case, stage=Stage.CLOSED)
    assert AnonymisedRecord.objects.count() == 1
    assert record.stage == Stage.CLOSED
    assert RollupCases.objects.get(departement=NATIONAL).n == 1


def test_rollups_count_each_record_once_nationally_and_in_its_departement(closed_case):
    for _ in range(3):
        record_save_for_case(case=closed_case(), stage=Stage.CLOSED)
    record_save_for_case(case=closed_case(commune="75056", postal_code="75011", criteria=("origine", "religion")), stage=Stage.CLOSED)
    assert sum(RollupCases.objects.filter(departement=NATIONAL).values_list("n", flat=True)) == 4
    assert RollupCases.objects.get(departement="44").n == 3
    assert RollupCases.objects.get(departement="75").region == "11"
    criteria = dict(RollupCriteria.objects.filter(departement=NATIONAL).values_list("criterion", "n"))
    assert criteria == {"patronyme": 3, "origine": 1, "religion": 1}


def test_incremental_rollups_equal_a_rebuild_from_the_records(db):
    import datetime as dt

    from recours.observatory.services import rollup_apply

    def add(**fields):
        values = {"stage": Stage.CLOSED, "month": dt.date(2026, 3, 1), "departement": "44", "region": "52",
                  "channel": "form", "domain": "logement", "criteria": ["origine"], "outcome": "referral",
                  "days_to_first_answer": 1, "days_to_closure": 12} | fields
        record = AnonymisedRecord.objects.create(**values)
        rollup_apply([record])
        return record

    add()
    add(departement="75", region="11", criteria=["origine", "religion"], days_to_first_answer=None)
    changed = add(outcome="", days_to_closure=None, stage=Stage.QUALIFIED)
    rollup_apply([changed], sign=-1)  # completed at closure: out with the old values, in with the new
    changed.outcome, changed.days_to_closure, changed.channel = "orientation", 30, "phone"
    changed.save()
    rollup_apply([changed])

    def snapshot():
        return (
            sorted(RollupCases.objects.exclude(n=0).values_list(
                "departement", "month", "channel", "domain", "n", "answered_n", "answer_days_sum", "answered_2d_n",
                "closed_n", "closure_days_sum", "key_sum", "answered_key_sum")),
            sorted(RollupOutcomes.objects.exclude(n=0).values_list("departement", "channel", "outcome", "n", "key_sum")),
            sorted(RollupCriteria.objects.exclude(n=0).values_list("departement", "channel", "criterion", "n", "key_sum")),
        )

    incremental = snapshot()
    assert ("*", "phone", "orientation", 1, changed.cell_key) in incremental[1]
    assert any(row[:4] == ("*", "form", "origine", 2) for row in incremental[2])
    rollup_rebuild()
    assert snapshot() == incremental
    from django.db import connection

    if connection.vendor == "postgresql":
        from recours.observatory.services import rollup_rebuild_postgresql

        rollup_rebuild_postgresql()
        assert snapshot() == incremental


@pytest.mark.parametrize("age, band", [(17, "0-17"), (18, "18-24"), (49, "35-49"), (65, "65+"), ("?", ""), (None, "")])
def test_ages_become_bands(age, band):
    assert age_band(age) == band


def test_closing_a_case_through_casework_makes_its_record(make_case, adviser, django_capture_on_commit_callbacks):
    from tests.observatory.helpers import close

    case, _ = make_case()
    with django_capture_on_commit_callbacks(execute=True):
        close(case, outcome="information", actor=adviser)
    assert RecordSource.objects.filter(case=case).exists()


def qualify(case, adviser, **overrides):
    from recours.casework.services import case_qualify

    values = {"criteria": ["origine", "religion"], "related_situations": ["racisme"], "domain": "emploi_prive",
              "situation_type": "discrimination", "respondent_kind": "employer",
              "reasoning": "Analyse : le refus vise M. Benali pour son origine."} | overrides
    return case_qualify(case=case, actor=adviser, **values)


def test_the_record_keeps_the_advisers_qualification_not_the_reasoning(make_case, adviser, django_capture_on_commit_callbacks):
    from recours.casework.services import case_close

    case, _ = make_case(**PERSONAL)
    with django_capture_on_commit_callbacks(execute=True):
        qualify(case, adviser)
        case_close(case=case, outcome="referral", actor=adviser)
    record = AnonymisedRecord.objects.get()
    assert record.criteria == ["origine", "religion"] and record.related_situations == ["racisme"]
    assert (record.domain, record.situation_type, record.respondent_kind) == ("emploi_prive", "discrimination", "employer")
    assert record.outcome == "referral" and record.days_to_closure == 0 and record.closed_month == record.month
    assert "Benali" not in record_text(record) and "Analyse" not in record_text(record)


def test_qualification_makes_the_record_early_only_when_the_setting_says_so(
    make_case, adviser, settings, django_capture_on_commit_callbacks
):
    from recours.casework.services import case_close

    case, _ = make_case()
    settings.RECOURS_OBSERVATORY_RECORD_AT_QUALIFICATION = False
    with django_capture_on_commit_callbacks(execute=True):
        qualify(case, adviser)
    assert not AnonymisedRecord.objects.exists()

    settings.RECOURS_OBSERVATORY_RECORD_AT_QUALIFICATION = True
    with django_capture_on_commit_callbacks(execute=True):
        qualify(case, adviser, criteria=["sexe"])
    assert AnonymisedRecord.objects.get().stage == Stage.QUALIFIED
    with django_capture_on_commit_callbacks(execute=True):
        case_close(case=case, outcome="information", actor=adviser)
    record = AnonymisedRecord.objects.get()
    assert record.stage == Stage.CLOSED and record.criteria == ["sexe"] and record.outcome == "information"
    assert RollupCases.objects.get(departement=NATIONAL).n == 1
    assert dict(RollupCriteria.objects.filter(departement=NATIONAL, n__gt=0).values_list("criterion", "n")) == {"sexe": 1}


def test_each_record_gets_its_own_secret_cell_key_which_no_export_carries(add_records, client, coordinator):
    from tests.accounts.helpers import log_in_verified

    records = add_records(40)
    assert len({r.cell_key for r in records}) > 10 and all(0 <= r.cell_key < 256 for r in records)
    log_in_verified(client, coordinator)
    header = client.get("/observatoire/export/fiches.csv").content.decode("utf-8-sig").splitlines()[0]
    assert "key" not in header


def test_the_migration_gives_existing_records_their_own_keys_and_the_rollups_their_sums(add_records):
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from recours.observatory.models import AnonymisedRecord, RollupCases, RollupCriteria

    add_records(30)
    add_records(5, departement="75", region="11", criteria=["sexe", "age"])
    AnonymisedRecord.objects.update(cell_key=0)  # as AddField leaves them: one key for all
    RollupCases.objects.update(key_sum=0, answered_key_sum=0)
    executor = MigrationExecutor(connection)
    migration = executor.loader.get_migration("observatory", "0002_cell_keys")
    state = executor.loader.project_state(("observatory", "0002_cell_keys"))
    migration.operations[-1].code(state.apps, None)
    keys = list(AnonymisedRecord.objects.values_list("cell_key", flat=True))
    assert len(set(keys)) > 10
    national = RollupCases.objects.get(departement="*")
    assert national.key_sum == sum(keys) == national.answered_key_sum
    paris = sum(AnonymisedRecord.objects.filter(departement="75").values_list("cell_key", flat=True))
    assert RollupCriteria.objects.get(departement="75", criterion="age").key_sum == paris
