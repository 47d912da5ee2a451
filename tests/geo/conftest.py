import pytest
from django.db import connection, transaction

from recours.core.models import ReferenceDataVersion
from recours.geo.models import Commune, Departement, PostalCode, Region
from recours.geo.services import geo_load


@pytest.fixture(scope="module")
def full_geo(django_db_setup, django_db_blocker):
    """The whole country, loaded once for a test module and rolled back when it ends.

    The session set-up (tests/conftest.py) may have loaded it already; then this is a
    no-op. Each test still runs in its own savepoint (the `db` fixture).
    """
    with django_db_blocker.unblock(), transaction.atomic():
        result = geo_load()
        yield result
        transaction.set_rollback(True)


@pytest.fixture
def empty_geo(db):
    """No geography at all during this test (rolled back with the test's transaction)."""
    tables = [connection.ops.quote_name(m._meta.db_table) for m in (PostalCode, Commune, Departement, Region)]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # No per-row foreign key checks left to run at the end of the test (seconds saved);
            # CASCADE also empties the (empty) tables of other apps that reference these.
            cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {table}")
    ReferenceDataVersion.objects.filter(name="geo").delete()
