"""The receipt's slow hash (Argon2id) runs before any transaction opens, on every way a case is made.

A transaction holds a database connection (and, on PostgreSQL, a pooled one) for as long
as it is open: a hash of a few hundred milliseconds inside one would make every report hold
a connection for that long. The real hash is wrapped to note whether a transaction was open.
"""

import pytest
from django.db import connection

from recours.casework import services
from recours.casework.models import Case, Channel
from tests.api.test_reports_api import VALID, post
from tests.casework.test_calls import sheet
from tests.intake.walk import fill_all_steps

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _reference_data(live_reference_data):
    """The database is emptied after each test here: reload taxonomies and two départements."""


@pytest.fixture
def hashed_in_transaction(monkeypatch):
    """Each receipt hashed for a new case: whether a transaction was open at that moment."""
    seen = []
    real_hash = services.receipt_hash

    def noting_hash(raw):
        seen.append(connection.in_atomic_block)
        return real_hash(raw)

    monkeypatch.setattr(services, "receipt_hash", noting_hash)
    return seen


def test_the_web_forms_receipt_is_hashed_outside_any_transaction(client, hashed_in_transaction):
    fill_all_steps(client)
    response = client.post("/formulaire/", {"step": "summary", "action": "submit"})
    assert response.status_code == 302  # the receipt is shown by the GET that follows
    assert Case.objects.filter(channel=Channel.FORM).count() == 1
    assert hashed_in_transaction == [False]


def test_the_call_sheets_receipt_is_hashed_outside_any_transaction(console, hashed_in_transaction):
    response = console.post("/console/dossiers/appel/", sheet(callback_at="26/11/2099 14:30"))
    assert response.status_code == 200
    assert Case.objects.filter(channel=Channel.PHONE).get().scheduled_calls.count() == 1
    assert hashed_in_transaction == [False]


def test_the_apis_receipt_is_hashed_outside_any_transaction(client, hashed_in_transaction):
    response = post(client, VALID)
    assert response.status_code == 201
    assert hashed_in_transaction == [False]
