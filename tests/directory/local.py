"""Local structures of Nantes, Loire-Atlantique and Paris for the tests."""

import json
from pathlib import Path

from recours.directory.seed import entries_validate
from recours.directory.services import directory_upsert

LOCAL_SERVICES = Path(__file__).parent / "data" / "local_services.json"


def directory_local_load():
    """A copy of the demo's local structures (same ids), kept here so that no test depends on
    the demo app (tests/test_dependencies.py)."""
    structures, services = entries_validate(json.loads(LOCAL_SERVICES.read_text()))
    return directory_upsert(structures=structures, services=services, is_demo=True)
