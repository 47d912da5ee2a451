"""Follow-up messages and their files are limited per case, per client and in bytes per case."""

from django.test import Client

from recours.casework.models import Attachment, Message
from recours.core.receipts import receipt_format
from tests.intake.files import PDF, upload
from tests.intake.walk import page


def open_followup(client, receipt):
    client.post("/suivi/", {"action": "login", "receipt": receipt_format(receipt)})
    return client


def send(client, body, file=None):
    data = {"action": "message", "body": body}
    if file is not None:
        data["file"] = file
    return client.post("/suivi/", data)


def test_a_burst_of_messages_on_one_case_is_refused_and_the_text_kept(db, make_case, settings):
    settings.RECOURS_FOLLOWUP_MESSAGE_RATE_PER_CASE = 3
    _case, receipt = make_case()
    client = open_followup(Client(), receipt)
    for n in range(3):
        assert send(client, f"Message {n}").status_code == 302

    response = send(client, "Le texte que je viens de taper", upload("preuve.pdf", PDF))

    assert response.status_code == 429
    text = page(response)
    assert "Vous avez envoyé beaucoup de messages" in text
    assert "Le texte que je viens de taper</textarea>" in text
    assert "« preuve.pdf » n'a pas été enregistré" in text
    assert Message.objects.count() == 3 and not Attachment.objects.exists()


def test_the_case_limit_holds_whatever_the_sessions_and_addresses(db, make_case, settings):
    settings.RECOURS_FOLLOWUP_MESSAGE_RATE_PER_CASE = 3
    _case, receipt = make_case()
    statuses = [
        send(open_followup(Client(REMOTE_ADDR=f"203.0.113.{n}"), receipt), f"Message {n}").status_code
        for n in range(5)
    ]
    assert statuses == [302, 302, 302, 429, 429]
    assert Message.objects.count() == 3


def test_one_client_writing_on_many_cases_is_refused(db, make_case, settings):
    settings.RECOURS_FOLLOWUP_MESSAGE_RATE_PER_CLIENT = 4
    statuses = []
    for n in range(6):
        _case, receipt = make_case()
        statuses.append(send(open_followup(Client(), receipt), f"Message {n}").status_code)
    assert statuses == [302] * 4 + [429] * 2
    assert Message.objects.count() == 4


def test_files_past_the_case_quota_are_refused_by_name_and_the_text_kept(db, make_case, settings):
    settings.RECOURS_CASE_ATTACHMENTS_MAX_BYTES = 5000
    _case, receipt = make_case()
    client = open_followup(Client(), receipt)
    assert send(client, "Premier envoi", upload("premier.pdf", PDF + b"0" * 3000)).status_code == 302

    response = send(client, "Deuxième envoi", upload("second.pdf", PDF + b"0" * 3000))

    assert response.status_code == 200
    text = page(response)
    assert "« second.pdf » n'a pas été ajouté" in text
    assert "Deuxième envoi</textarea>" in text
    assert Message.objects.count() == 1 and Attachment.objects.count() == 1
