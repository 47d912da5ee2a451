"""The zones' copy of what the search reads stays true to their services, whatever writes them."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from recours.directory.models import Service, ServiceZone
from recours.directory.services import service_restore, service_retire

SEARCH_FIELDS = ("criteres_cle", "domaines_cle", "latitude", "longitude")


def copies_are_true():
    for zone in ServiceZone.objects.select_related("service"):
        service = zone.service
        assert zone.listed == (not service.is_national and service.retired_at is None), zone.code
        assert all(getattr(zone, name) == getattr(service, name) for name in SEARCH_FIELDS), zone.code
    return True


def test_imported_entries_write_their_copy(directory):
    assert ServiceZone.objects.filter(listed=False).exists() and ServiceZone.objects.filter(listed=True).exists()
    assert copies_are_true()


def test_a_retired_entry_is_unlisted_and_stays_so_through_a_new_import(directory, adviser):
    from tests.directory.local import directory_local_load

    service = Service.objects.filter(is_national=False).first()
    service_retire(service=service, actor=adviser)
    assert not service.zones.filter(listed=True).exists()
    directory_local_load()  # the same entries again: an update
    assert copies_are_true() and not service.zones.filter(listed=True).exists()
    service.refresh_from_db()
    service_restore(service=service, actor=adviser)
    assert copies_are_true() and service.zones.filter(listed=True).exists()


def test_the_migration_copies_the_search_fields_of_existing_zones(directory):
    ServiceZone.objects.update(listed=True, criteres_cle="*", domaines_cle="*", latitude=None, longitude=None)
    executor = MigrationExecutor(connection)
    migration = executor.loader.get_migration("directory", "0002_zone_search_copy")
    state = executor.loader.project_state(("directory", "0002_zone_search_copy"))
    migration.operations[-1].code(state.apps, None)
    assert copies_are_true()
