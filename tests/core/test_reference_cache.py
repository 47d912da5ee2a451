"""Per-process copies of reference tables hold committed rows only (core/cache.py)."""

import pytest
from django.db import transaction

from recours.core.cache import ReferenceCache

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache(settings):
    settings.RECOURS_REFERENCE_CACHE_SECONDS = 60
    return ReferenceCache("test")


def test_a_value_read_in_a_transaction_is_kept_once_it_commits(cache, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert cache.get("teams", lambda: "first") == "first"
    assert cache.get("teams", lambda: "second") == "first"


def test_a_value_read_in_a_transaction_that_rolls_back_is_not_kept(cache, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            assert cache.get("teams", lambda: "uncommitted") == "uncommitted"
            raise RuntimeError
    with django_capture_on_commit_callbacks(execute=True):
        assert cache.get("teams", lambda: "committed") == "committed"
    assert cache.get("teams", lambda: "later") == "committed"


def test_a_clear_during_the_transaction_wins_over_the_value_read_before_it(cache, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        cache.get("teams", lambda: "before the write")
        cache.clear()
    assert cache.get("teams", lambda: "after the write") == "after the write"


def test_without_a_delay_nothing_is_kept(cache, settings, django_capture_on_commit_callbacks):
    settings.RECOURS_REFERENCE_CACHE_SECONDS = 0
    with django_capture_on_commit_callbacks(execute=True):
        cache.get("teams", lambda: "first")
    assert cache.get("teams", lambda: "second") == "second"
