"""A reply reaches the person's follow-up page; the mail only says a message is waiting, and is retried until it goes."""

import datetime as dt

from django.core import mail
from django.utils import timezone

from recours.casework.models import Message, MessageAuthor
from recours.core.mail import mail_send_due
from recours.core.models import AuditEvent, MailStatus, OutboundMail
from tests.factories import NANTES, PARIS
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


def test_a_reply_sends_a_mail_without_its_text_when_the_person_agreed(
    console, make_case, django_capture_on_commit_callbacks
):
    case, _ = make_case(contact={"email": "personne@example.org"}, notify_by_email=True, **NANTES)
    with django_capture_on_commit_callbacks(execute=True):
        _reply(console, case)
    [sent] = mail.outbox
    assert sent.to == ["personne@example.org"]
    assert "nouveau message vous attend" in sent.body
    assert "http://testserver/suivi/" in sent.body
    assert REPLY not in sent.body and "Défenseur" not in sent.subject + sent.body
    assert AuditEvent.objects.filter(case_id=case.pk, action="mail.queued").exists()
    [outbox] = OutboundMail.objects.filter(case_id=case.pk)
    assert (outbox.status, outbox.to, outbox.body) == (MailStatus.SENT, "", "")  # sent: not kept


def test_no_mail_goes_to_a_person_who_did_not_ask_for_one(console, make_case, django_capture_on_commit_callbacks):
    case, _ = make_case(contact={"email": "personne@example.org"}, notify_by_email=False, **NANTES)
    with django_capture_on_commit_callbacks(execute=True):
        _reply(console, case)
    assert mail.outbox == []
    assert not OutboundMail.objects.exists()


def test_a_failed_mail_keeps_the_reply_stays_queued_and_goes_out_once_the_server_is_back(
    console, make_case, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.casework.failing_mail.FailingBackend"
    case, _ = make_case(contact={"email": "personne@example.org"}, notify_by_email=True, **NANTES)
    with django_capture_on_commit_callbacks(execute=True):
        response = _reply(console, case)
    assert response.status_code == 302
    assert Message.objects.filter(case=case).exists()
    [queued] = OutboundMail.objects.filter(case_id=case.pk)
    assert (queued.status, queued.attempts, queued.last_error) == (MailStatus.PENDING, 1, "ConnectionRefusedError")
    assert "en attente d'envoi" in page(console.get(f"/console/dossiers/{case.reference}/"))

    assert mail_send_due() == (0, 0)  # not due yet: the next attempt is a minute later
    later = timezone.now() + dt.timedelta(minutes=2)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert mail_send_due(now=later) == (1, 0)
    assert mail_send_due(now=later) == (0, 0)  # never twice
    [sent] = mail.outbox
    assert sent.to == ["personne@example.org"]
    queued.refresh_from_db()
    assert queued.status == MailStatus.SENT


def test_a_mail_that_keeps_failing_shows_as_failed_and_can_be_sent_again(
    console, make_case, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.casework.failing_mail.FailingBackend"
    settings.RECOURS_MAIL_MAX_ATTEMPTS = 2
    case, _ = make_case(contact={"email": "personne@example.org"}, notify_by_email=True, **NANTES)
    with django_capture_on_commit_callbacks(execute=True):
        _reply(console, case)
    mail_send_due(now=timezone.now() + dt.timedelta(hours=1))
    [failed] = OutboundMail.objects.filter(case_id=case.pk)
    assert (failed.status, failed.attempts) == (MailStatus.FAILED, 2)
    assert "Renvoyer" in page(console.get(f"/console/dossiers/{case.reference}/"))

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = console.post(f"/console/dossiers/{case.reference}/courriels/{failed.pk}/renvoyer/")
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.status == MailStatus.SENT and len(mail.outbox) == 1
    assert AuditEvent.objects.filter(case_id=case.pk, action="mail.resend").exists()


def test_a_mail_of_another_teams_case_cannot_be_sent_again(console, make_case):
    theirs, _ = make_case(contact={"email": "personne@example.org"}, notify_by_email=True, **PARIS)
    failed = OutboundMail.objects.create(kind="case.new_message", case_id=theirs.pk, to="x@example.org", status=MailStatus.FAILED)
    mine, _ = make_case(**NANTES)
    for reference in (theirs.reference, mine.reference):
        assert console.post(f"/console/dossiers/{reference}/courriels/{failed.pk}/renvoyer/").status_code == 404
    failed.refresh_from_db()
    assert failed.status == MailStatus.FAILED


def test_an_empty_reply_is_refused(console, make_case):
    case, _ = make_case(**NANTES)
    response = _reply(console, case, body="   ")
    assert response.status_code == 200
    assert "Il y a un problème" in page(response)
    assert not Message.objects.exists()
