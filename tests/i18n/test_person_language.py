"""A person writes in any language; the language of the pages they used is recorded, shown to
the adviser, and their mails are written in it."""

from django.core import mail

from recours.casework.models import Case, Message
from recours.casework.services import case_close
from recours.core.receipts import receipt_format
from tests.factories import NANTES
from tests.intake.walk import VALID_ANSWERS

NARRATIVE = "The agency turned down my application when they saw my name. وكالة رفضت طلبي."


def walk_the_form(client, prefix):
    for step, answers in VALID_ANSWERS.items():
        answers = {**answers, "narrative": NARRATIVE} if step == "what" else answers
        response = client.post(f"{prefix}/formulaire/", {"step": step, "action": "next", **answers})
        assert response.status_code == 302 and response["Location"] == f"{prefix}/formulaire/", step
    return client.post(f"{prefix}/formulaire/", {"step": "summary", "action": "submit"}, follow=True)


def test_a_report_sent_from_the_english_pages_is_recorded_in_english(client, db):
    response = walk_the_form(client, "/en")
    assert "Your report has been sent" in response.content.decode()
    case = Case.objects.get()
    assert case.language == "en"
    assert case.narrative == NARRATIVE  # written in any language, kept as written


def test_a_report_sent_from_the_french_pages_is_recorded_in_french(client, db):
    walk_the_form(client, "")
    assert Case.objects.get().language == "fr"


def test_a_follow_up_message_records_the_page_s_language(client, make_case):
    case, receipt = make_case()
    client.post("/ar/suivi/", {"action": "login", "receipt": receipt_format(receipt)})
    response = client.post("/ar/suivi/", {"action": "message", "body": "شكرا، لدي رسالة الرفض."})
    assert response.status_code == 302 and response["Location"] == "/ar/suivi/"
    message = Message.objects.get(case=case)
    assert (message.body, message.language) == ("شكرا، لدي رسالة الرفض.", "ar")


def test_the_adviser_sees_the_language_the_person_chose(console, make_case):
    case, _receipt = make_case(language="en", **NANTES)
    page = console.get(f"/console/dossiers/{case.reference}/").content.decode()
    assert "Langue choisie : anglais" in page


def test_a_message_from_a_page_in_another_language_is_marked_in_the_thread(console, make_case):
    from recours.casework.services import message_add_by_person

    case, _receipt = make_case(language="fr", **NANTES)
    message_add_by_person(case=case, body="Hello, here is the letter.", language="en")
    page = console.get(f"/console/dossiers/{case.reference}/").content.decode()
    assert "écrit depuis la page en anglais" in page


def test_the_mail_of_a_reply_is_in_the_person_s_language_with_their_follow_up_page(
    console, make_case, django_capture_on_commit_callbacks
):
    case, _ = make_case(contact={"email": "person@example.org"}, notify_by_email=True, language="en", **NANTES)
    with django_capture_on_commit_callbacks(execute=True):
        console.post(f"/console/dossiers/{case.reference}/repondre/", {"body": "Bonjour"})
    [sent] = mail.outbox
    assert "a new message is waiting for you" in sent.subject
    assert "A new message is waiting for you on your follow-up page" in sent.body
    assert "http://testserver/en/suivi/" in sent.body
    assert "Bonjour" not in sent.body


def test_the_recap_of_a_closed_case_is_in_the_person_s_language(adviser, make_case, django_capture_on_commit_callbacks):
    case, _ = make_case(contact={"email": "person@example.org"}, notify_by_email=True, language="en", **NANTES)
    with django_capture_on_commit_callbacks(execute=True):
        case_close(case=case, outcome="information", actor=adviser, followup_url="http://testserver/suivi/")
    [sent] = mail.outbox
    assert "the follow-up of your report is over" in sent.subject
    assert "We have finished handling your report: we informed you of your rights" in sent.body
    assert "http://testserver/en/suivi/" in sent.body


def test_a_french_case_still_gets_french_mails(console, make_case, django_capture_on_commit_callbacks):
    case, _ = make_case(contact={"email": "personne@example.org"}, notify_by_email=True, **NANTES)
    with django_capture_on_commit_callbacks(execute=True):
        console.post(f"/console/dossiers/{case.reference}/repondre/", {"body": "Bonjour"})
    [sent] = mail.outbox
    assert "un nouveau message vous attend" in sent.subject and "http://testserver/suivi/" in sent.body
