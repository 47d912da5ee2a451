import pytest

from recours.demo.directory import demo_directory_load
from recours.directory.seed import directory_national_load


@pytest.fixture
def directory(db):
    """The national services and the demo local services (Nantes, Loire-Atlantique, Paris)."""
    directory_national_load()
    demo_directory_load()


from tests.accounts.conftest import make_staff, teams  # noqa: E402,F401  (console fixtures, shared)
from tests.casework.conftest import adviser, client_factory, console, paris_adviser, paris_console  # noqa: E402,F401
