"""One JSON log line per request, with nothing personal; metrics for the operators only."""

import json
import logging

import pytest

from recours.casework.models import Case
from recours.core.requestlog import JsonFormatter, NoPathFilter

NARRATIVE = "Le gérant du 12 rue des Lilas m'a refusé l'entrée à cause de mon fauteuil."
REPORT = {
    "role": "victime", "narrative": NARRATIVE, "postal_code": "44000", "period": "semaine",
    "criteria": ["handicap"], "domain": "biens_services", "steps_taken": ["rien"], "consent": True,
    "contact": {"email": "lea.martin@example.org", "phone": "06 12 34 56 78"},
}
ADDRESS = "203.0.113.77"


@pytest.fixture
def log_lines(caplog):
    """Every record of the requests, formatted as production writes them."""
    caplog.set_level(logging.INFO)
    formatter, no_paths = JsonFormatter(), NoPathFilter()

    def lines():
        out = []
        for record in caplog.records:
            no_paths.filter(record)
            out.append(formatter.format(record))
        return out

    return lines


def test_a_request_log_line_holds_the_route_status_and_duration_and_nothing_personal(client, db, log_lines):
    response = client.post("/api/v1/reports", json.dumps(REPORT), content_type="application/json",
                           REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT="Mozilla/5.0 (Lea)")
    receipt = response.json()["receipt"]
    client.get("/api/v1/followup?x=" + receipt.replace(" ", ""), HTTP_X_RECEIPT=receipt, REMOTE_ADDR=ADDRESS)
    client.get(f"/orientation/{'secret-token-' * 3}/", REMOTE_ADDR=ADDRESS)  # a partner's link, unknown: a 404
    client.get("/nulle-part/secret-token/", REMOTE_ADDR=ADDRESS)  # no such page

    lines = log_lines()
    requests = [json.loads(line) for line in lines if json.loads(line).get("message") == "request"]
    assert [(r["method"], r["route"], r["status"]) for r in requests] == [
        ("POST", "api:report_create", 201), ("GET", "api:followup_read", 200),
        ("GET", "orientation:partner", 404), ("GET", "unmatched", 404),
    ]
    assert all(isinstance(r["duration_ms"], float) for r in requests)
    everything = "\n".join(lines)
    for personal in (NARRATIVE, "Lilas", receipt, receipt.replace(" ", ""), ADDRESS, "lea.martin", "06 12 34",
                     "Mozilla", "secret-token", "/api/v1/followup"):
        assert personal not in everything, personal
    assert Case.objects.count() == 1


def test_the_metrics_do_not_exist_without_a_token(client, db, settings):
    settings.RECOURS_METRICS_TOKEN = ""
    assert client.get("/metrics").status_code == 404


def test_the_metrics_need_the_token(client, db, settings):
    settings.RECOURS_METRICS_TOKEN = "s3cret-metrics-token"
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401


def test_the_metrics_count_requests_by_route_refusals_and_the_queues(client, db, settings, make_case):
    from recours.core import admission, periodic

    settings.RECOURS_METRICS_TOKEN = "s3cret-metrics-token"
    settings.RECOURS_ADMISSION_CONCURRENCY, settings.RECOURS_ADMISSION_WAIT_MS = 1, 0
    make_case()
    periodic.run_periodic(only=("mail.retry",))
    client.post("/api/v1/reports", json.dumps(REPORT), content_type="application/json")
    with admission.work_slot():
        assert client.post("/api/v1/reports", json.dumps(REPORT), content_type="application/json").status_code == 503

    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-metrics-token", HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert 'recours_http_request_duration_seconds_count{method="POST",route="api:report_create",status="201"}' in text
    assert 'route="api:report_create",status="503"' in text
    assert 'recours_overload_refused_total{route="api:report_create"}' in text
    assert "recours_cases_new 2.0" in text
    assert "recours_chats_waiting 0.0" in text
    assert 'recours_mails{status="pending"}' in text
    assert 'recours_tasks{status="failed"} 0.0' in text
    assert 'recours_periodic_last_started_timestamp_seconds{job="mail.retry"}' in text
    assert 'recours_periodic_last_failed{job="mail.retry"} 0.0' in text
    assert "/metrics" not in text.split("recours_http_request_duration_seconds")[0]  # a scrape is not counted
