import json

from recours.casework.models import Message
from recours.casework.services import message_add_by_adviser


def test_the_follow_up_shows_status_and_messages(client, make_case):
    case, receipt = make_case()
    message_add_by_adviser(case=case, body="Nous avons bien reçu votre signalement.")
    response = client.get("/api/v1/followup", HTTP_X_RECEIPT=receipt)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "new"
    assert [m["body"] for m in body["messages"]] == ["Nous avons bien reçu votre signalement."]


def test_the_person_writes_a_message(client, make_case):
    case, receipt = make_case()
    response = client.post(
        "/api/v1/followup/messages",
        json.dumps({"body": "J'ai retrouvé le courrier."}),
        content_type="application/json",
        HTTP_X_RECEIPT=receipt,
    )
    assert response.status_code == 201
    assert Message.objects.get(case=case).body == "J'ai retrouvé le courrier."


def test_an_unknown_receipt_gets_a_generic_404(client, make_case):
    make_case()
    response = client.get("/api/v1/followup", HTTP_X_RECEIPT="0000000000000000")
    assert response.status_code == 404
    assert response.json() == {"message": "Ce code ne permet pas d'ouvrir un suivi.", "errors": {}}


def test_too_many_tries_get_429(client, make_case):
    make_case()
    statuses = [
        client.get("/api/v1/followup", HTTP_X_RECEIPT=f"00000000000000{i:02d}").status_code for i in range(20)
    ]
    assert statuses[0] == 404
    assert statuses[-1] == 429


def test_an_empty_message_is_refused(client, make_case):
    _case, receipt = make_case()
    response = client.post(
        "/api/v1/followup/messages", json.dumps({"body": ""}), content_type="application/json", HTTP_X_RECEIPT=receipt
    )
    assert response.status_code == 422
    assert response.json()["errors"]["body"] == "Écrivez votre message."
