"""The API's writes accept JSON only: another site's page cannot make a browser post a report."""

import json

from recours.casework.models import Case, Message
from tests.api.test_malformed_input_api import REPORT


def test_a_text_plain_body_carrying_valid_json_is_refused_with_415(client, db):
    response = client.post("/api/v1/reports", json.dumps(REPORT), content_type="text/plain")

    assert response.status_code == 415
    assert response.json()["message"] == "Envoyez le corps de la requête en JSON (Content-Type: application/json)."
    assert not Case.objects.exists()


def test_a_form_encoded_body_is_refused_with_415(client, db):
    response = client.post("/api/v1/reports", json.dumps(REPORT), content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415
    assert not Case.objects.exists()


def test_a_follow_up_message_in_text_plain_is_refused(client, make_case):
    _case, receipt = make_case()
    response = client.post(
        "/api/v1/followup/messages", json.dumps({"body": "Bonjour"}), content_type="text/plain", HTTP_X_RECEIPT=receipt
    )
    assert response.status_code == 415
    assert not Message.objects.exists()


def test_json_with_a_charset_is_accepted(client, db):
    response = client.post("/api/v1/reports", json.dumps(REPORT), content_type="application/json; charset=utf-8")
    assert response.status_code == 201
