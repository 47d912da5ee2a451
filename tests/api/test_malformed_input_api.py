"""Malformed bodies get a clear 4xx in French JSON, and nothing is half-written."""

import json

from recours.casework.models import Case, Message

REPORT = {
    "role": "victime",
    "narrative": "On m'a refusé un logement à cause de mon nom.",
    "postal_code": "44000",
    "period": "mois",
    "domain": "logement",
    "consent": True,
}
LONE_SURROGATE = '"\\ud800"'  # valid JSON, but no character: it cannot be stored as UTF-8


def report_with(field_json: str) -> str:
    """The report's JSON with one value replaced by raw JSON text."""
    return json.dumps(REPORT)[:-1] + f", {field_json}}}"


def test_a_lone_surrogate_in_the_narrative_is_a_400_and_no_case(client, db):
    body = json.dumps({**REPORT, "narrative": "PLACEHOLDER"}).replace('"PLACEHOLDER"', '"Texte \\ud800 coupé en deux"')
    response = client.post("/api/v1/reports", body, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["errors"] == {"narrative": "Ce texte contient un caractère invalide."}
    assert not Case.objects.exists()


def test_a_lone_surrogate_deep_in_the_contact_is_a_400(client, db):
    body = json.dumps({k: v for k, v in REPORT.items()})[:-1] + ', "contact": {"email": "a@b.fr", "name": ' + LONE_SURROGATE + "}}"
    response = client.post("/api/v1/reports", body, content_type="application/json")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["contact.name"]
    assert not Case.objects.exists()


def test_a_lone_surrogate_in_a_follow_up_message_is_a_400_and_no_message(client, make_case):
    _case, receipt = make_case()
    response = client.post(
        "/api/v1/followup/messages", '{"body": ' + LONE_SURROGATE + "}", content_type="application/json",
        HTTP_X_RECEIPT=receipt,
    )
    assert response.status_code == 400
    assert response.json()["message"] == "La requête contient des erreurs."
    assert not Message.objects.exists()


def test_a_body_over_the_size_limit_is_a_413_in_french_json(client, db, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2000
    response = client.post(
        "/api/v1/reports", json.dumps({**REPORT, "narrative": "x" * 3000}), content_type="application/json"
    )
    assert response.status_code == 413
    assert response.json()["message"].startswith("La requête est trop volumineuse")
    assert not Case.objects.exists()
