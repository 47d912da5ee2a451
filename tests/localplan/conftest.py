"""Teams, staff, cases and anonymised records for the local plan report's tests."""

import datetime as dt

import pytest

from tests.collective.conftest import coordinator, coordinator_console, paris_coordinator  # noqa: F401
from tests.factories import NANTES, PARIS  # noqa: F401
from tests.observatory.conftest import add_records, last_month  # noqa: F401

QPV_CSV = "code;nom\nQN04401M;Bellevue\nQN04402M;Malakoff\n"


@pytest.fixture
def qpvs(db):
    from recours.localplan.services import qpv_import

    qpv_import(QPV_CSV)
    from recours.localplan.models import Qpv

    return {qpv.code: qpv for qpv in Qpv.objects.all()}


@pytest.fixture
def report_year():
    """The year the public version shows: the one of the last complete month."""
    return last_month().year


@pytest.fixture
def case_in_year(make_case, report_year):
    """A case of Nantes dated in the report's year."""

    def make(**overrides):
        case, _receipt = make_case(**(NANTES | overrides))
        when = dt.datetime(report_year, last_month().month, 2, 12, tzinfo=dt.timezone.utc)
        type(case).objects.filter(pk=case.pk).update(created_at=when)
        case.refresh_from_db()
        return case

    return make
