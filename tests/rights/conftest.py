import pytest

from recours.rights.services import rights_load


@pytest.fixture
def rights(db):
    """The situations shipped with the platform, loaded as load_reference_data does."""
    rights_load()
