"""The API's follow-up messages are limited per case and per client, answered in French JSON."""

import json

from django.test import Client

from recours.casework.models import Message


def write(client, receipt, body="Un message."):
    return client.post(
        "/api/v1/followup/messages", json.dumps({"body": body}), content_type="application/json", HTTP_X_RECEIPT=receipt
    )


def test_a_burst_of_messages_on_one_case_gets_429(db, make_case, settings):
    settings.RECOURS_FOLLOWUP_MESSAGE_RATE_PER_CASE = 3
    _case, receipt = make_case()
    statuses = [write(Client(REMOTE_ADDR=f"203.0.113.{n}"), receipt).status_code for n in range(5)]

    assert statuses == [201, 201, 201, 429, 429]
    assert Message.objects.count() == 3
    assert "beaucoup de messages" in write(Client(), receipt).json()["message"]


def test_one_client_writing_on_many_cases_gets_429(db, make_case, settings):
    settings.RECOURS_FOLLOWUP_MESSAGE_RATE_PER_CLIENT = 4
    statuses = [write(Client(), make_case()[1]).status_code for _ in range(6)]
    assert statuses == [201] * 4 + [429] * 2
    assert Message.objects.count() == 4
