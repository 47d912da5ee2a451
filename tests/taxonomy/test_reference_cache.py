"""Each process keeps the active reference lists for a while; an edit clears its copy."""

import pytest
from django.test.utils import CaptureQueriesContext, override_settings
from django.db import connection

from recours.taxonomy.models import Criterion
from recours.taxonomy.selectors import criteria_active, reference_cache_clear

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache_on():
    reference_cache_clear()
    with override_settings(RECOURS_REFERENCE_CACHE_SECONDS=60):
        yield
    reference_cache_clear()


def test_the_active_criteria_are_read_once_per_process_while_the_cache_holds(cache_on, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # kept once the reading transaction commits
        first = criteria_active()
    with CaptureQueriesContext(connection) as queries:
        again = criteria_active()
    assert [c.code for c in again] == [c.code for c in first]
    assert len(queries) == 0


def test_saving_a_criterion_is_seen_at_once_by_the_process_that_saved_it(cache_on, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert "religion" in [c.code for c in criteria_active()]
    religion = Criterion.objects.get(code="religion")
    religion.active = False
    religion.save()
    assert "religion" not in [c.code for c in criteria_active()]


def test_without_a_cache_every_read_goes_to_the_database():
    with override_settings(RECOURS_REFERENCE_CACHE_SECONDS=0):
        criteria_active()
        with CaptureQueriesContext(connection) as queries:
            criteria_active()
    assert len(queries) == 1
