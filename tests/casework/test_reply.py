"""A reply reaches the person's follow-up page; the mail only says a message is waiting."""

from django.core import mail

from recours.casework.models import Message, MessageAuthor
from recours.core.models import AuditEvent
from tests.casework.conftest import NANTES
from tests.intake.test_followup import open_followup
from tests.intake.walk import page

REPLY = "Vous pouvez saisir le Défenseur des droits : voici comment."


def _reply(console, case, body=REPLY):
    return console.post(f"/console/dossiers/{case.reference}/repondre/", {"body": body})


def test_a_reply_appears_on_the_persons_follow_up_page(console, adviser, client_factory, make_case):
    case, receipt = make_case(**NANTES)
    response = _reply(console, case)
    assert response.status_code == 302
    assert "Votre réponse est envoyée" in page(console.get(response["Location"]))

    message = Message.objects.get(case=case)
    assert message.author == MessageAuthor.ADVISER and message.author_user == adviser
    assert AuditEvent.objects.filter(case_id=case.pk, action="case.reply", actor=adviser).exists()

    person = client_factory()
    open_followup(person, receipt)
    assert REPLY in page(person.get("/suivi/"))


def test_a_reply_sends_a_mail_without_its_text_when_the_person_agreed(console, make_case):
    case, _ = make_case(contact={"email": "personne@example.org"}, notify_by_email=True, **NANTES)
    _reply(console, case)
    [sent] = mail.outbox
    assert sent.to == ["personne@example.org"]
    assert "nouveau message vous attend" in sent.body
    assert "http://testserver/suivi/" in sent.body
    assert REPLY not in sent.body and "Défenseur" not in sent.subject + sent.body
    assert AuditEvent.objects.filter(case_id=case.pk, action="mail.sent").exists()


def test_no_mail_goes_to_a_person_who_did_not_ask_for_one(console, make_case):
    case, _ = make_case(contact={"email": "personne@example.org"}, notify_by_email=False, **NANTES)
    _reply(console, case)
    assert mail.outbox == []


def test_a_failed_mail_keeps_the_reply_and_records_the_failure(console, make_case, settings):
    settings.EMAIL_BACKEND = "tests.casework.failing_mail.FailingBackend"
    case, _ = make_case(contact={"email": "personne@example.org"}, notify_by_email=True, **NANTES)
    response = _reply(console, case)
    assert response.status_code == 302
    assert Message.objects.filter(case=case).exists()
    event = AuditEvent.objects.get(case_id=case.pk, action="mail.failed")
    assert event.detail["error"] == "ConnectionRefusedError"


def test_an_empty_reply_is_refused(console, make_case):
    case, _ = make_case(**NANTES)
    response = _reply(console, case, body="   ")
    assert response.status_code == 200
    assert "Il y a un problème" in page(response)
    assert not Message.objects.exists()
