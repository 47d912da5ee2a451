"""The denormalised key of a case's criteria follows the link tables it mirrors."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from recours.casework.criteria_key import criteria_key_refresh
from recours.casework.models import Case
from recours.casework.services import case_qualify
from tests.factories import NANTES


def test_a_new_case_holds_its_reported_criteria(make_case):
    case, _ = make_case(criteria=("patronyme", "origine"), **NANTES)
    assert case.criteria_key == "|origine|patronyme|"


def test_requalifying_replaces_the_qualified_criteria_and_keeps_the_reported_ones(adviser, make_case):
    case, _ = make_case(criteria=("patronyme",), **NANTES)
    case_qualify(case=case, actor=adviser, criteria=["handicap", "age"])
    case.refresh_from_db()
    assert case.criteria_key == "|age|handicap|patronyme|"
    case_qualify(case=case, actor=adviser, criteria=["origine"])
    case.refresh_from_db()
    assert case.criteria_key == "|origine|patronyme|"


def test_a_stale_key_is_recomputed_from_the_links(make_case):
    case, _ = make_case(criteria=("sexe",), **NANTES)
    Case.objects.filter(pk=case.pk).update(criteria_key="")
    assert criteria_key_refresh(Case.objects.filter(pk=case.pk)) == 1
    case.refresh_from_db()
    assert case.criteria_key == "|sexe|"
    assert criteria_key_refresh(Case.objects.filter(pk=case.pk)) == 0


def test_the_migration_fills_the_key_of_existing_cases(make_case):
    case, _ = make_case(criteria=("religion",), **NANTES)
    Case.objects.filter(pk=case.pk).update(criteria_key="")
    executor = MigrationExecutor(connection)
    migration = executor.loader.get_migration("casework", "0008_case_criteria_key")
    state = executor.loader.project_state(("casework", "0008_case_criteria_key"))
    fill = migration.operations[-1].code
    fill(state.apps, None)  # the historical models of that state, as `migrate` would pass them
    case.refresh_from_db()
    assert case.criteria_key == "|religion|"
