import pytest

from recours.demo.directory import demo_directory_load
from recours.directory.seed import directory_national_load


@pytest.fixture
def directory(db):
    """The national services and the demo local services (Nantes, Loire-Atlantique, Paris)."""
    directory_national_load()
    demo_directory_load()
