"""Cases made before they kept their département get it from the same rule (migration 0009)."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from recours.casework.models import Case


def test_the_migration_gives_existing_cases_their_departement(make_case):
    in_nantes, _ = make_case(commune="44109", postal_code="44000")
    in_44470, _ = make_case(commune=None, postal_code="44470")  # three communes of Loire-Atlantique
    across, _ = make_case(commune=None, postal_code="42620")  # a commune of the Allier, one of the Loire
    Case.objects.update(departement=None)
    executor = MigrationExecutor(connection)
    migration = executor.loader.get_migration("casework", "0009_case_departement")
    state = executor.loader.project_state(("casework", "0009_case_departement"))
    fill = migration.operations[-1].code
    fill(state.apps, None)  # the historical models of that state, as `migrate` would pass them
    departements = dict(Case.objects.values_list("pk", "departement_id"))
    assert (departements[in_nantes.pk], departements[in_44470.pk], departements[across.pk]) == ("44", "44", None)
