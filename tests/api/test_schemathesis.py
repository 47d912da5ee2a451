"""The API against its own schema: schemathesis builds requests from /api/v1/openapi.json for every
route (anonymous report, commune, directory, follow-up, partner) and calls the application in
process (WSGI, no network). No answer is a server error; every answer matches the schema.

Rate limits and admission answer 429/503 under many requests: the budgets are raised here, and the
routes that can answer them document those answers (ErrorOut), so they are checked like any other.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from recours.partners import services
from tests.partners.conftest import handi, handi_admin, make_member  # noqa: F401  (fixtures)

CHECKS = [not_a_server_error, response_schema_conformance]


@pytest.fixture
def partner_key(handi, handi_admin):  # noqa: F811
    _credential, key = services.credential_create(
        partner=handi, name="Logiciel", scopes=["reports:write", "reports:read"], actor=handi_admin
    )
    return key


@pytest.fixture
def api_schema(db, settings, directory, teams):
    for name in ("RECOURS_API_REPORT_RATE_PER_CLIENT", "RECOURS_PARTNER_API_RATE_PER_KEY",
                 "RECOURS_RECEIPT_RATE_PER_CLIENT", "RECOURS_RECEIPT_RATE_GLOBAL",
                 "RECOURS_FOLLOWUP_MESSAGE_RATE_PER_CLIENT", "RECOURS_FOLLOWUP_MESSAGE_RATE_PER_CASE"):
        setattr(settings, name, 100_000)
    # In process, the test's transaction holds the connection: a request's start or end must not close it
    # (Django's test client does the same), or PostgreSQL loses the test's transaction.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


SETTINGS = hypothesis_settings(
    max_examples=25, derandomize=True, deadline=None, database=None,
    suppress_health_check=list(HealthCheck),
)


def test_no_server_error_and_every_answer_matches_the_schema(api_schema, partner_key):
    """One hypothesis run per operation (schemathesis' pytest plugin's lazy fixtures do not load
    under this pytest); every operation's failure is reported, not only the first."""
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 9
    failures = {}
    for operation in operations:
        headers = {"Authorization": f"Bearer {partner_key}"} if operation.path.startswith("/api/v1/partner") else None

        @SETTINGS
        @given(case=operation.as_strategy())
        def check(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            check()
        except Exception as exc:  # noqa: BLE001 - gathered, reported together below
            failures[operation.label] = str(exc)[:2000]
    assert not failures, "\n\n".join(f"{label}:\n{failure}" for label, failure in failures.items())
