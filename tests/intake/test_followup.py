from recours.casework.models import Message
from recours.casework.services import message_add_by_adviser
from recours.core.receipts import receipt_format
from tests.intake.walk import page
from tests.intake.files import PDF, SCRIPT, upload


def open_followup(client, receipt):
    return client.post("/suivi/", {"action": "login", "receipt": receipt_format(receipt)})


def test_a_receipt_opens_the_follow_up_and_shows_the_replies(client, make_case):
    case, receipt = make_case()
    message_add_by_adviser(case=case, body="Bonjour, pouvez-vous préciser la date ?")

    response = open_followup(client, receipt)
    assert response.status_code == 302 and response["Location"] == "/suivi/"

    text = page(client.get("/suivi/"))
    assert "Bonjour, pouvez-vous préciser la date ?" in text
    assert "On m'a refusé la visite" in text


def test_the_receipt_may_be_typed_with_or_without_spaces(client, make_case):
    _case, receipt = make_case()
    response = client.post("/suivi/", {"action": "login", "receipt": receipt})
    assert response.status_code == 302


def test_the_person_writes_a_message_with_a_document(client, make_case):
    case, receipt = make_case()
    open_followup(client, receipt)

    response = client.post(
        "/suivi/", {"action": "message", "body": "Voici le courrier de refus.", "file": upload("refus.pdf", PDF)}
    )

    assert response.status_code == 302
    message = Message.objects.get(case=case)
    assert message.body == "Voici le courrier de refus."
    assert message.attachments.get().filename == "refus.pdf"
    assert "Votre message est envoyé." in page(client.get("/suivi/"))


def test_an_empty_message_is_refused(client, make_case):
    _case, receipt = make_case()
    open_followup(client, receipt)
    response = client.post("/suivi/", {"action": "message", "body": "  "})
    assert "Écrivez votre message" in page(response)
    assert not Message.objects.exists()


def test_a_disguised_file_on_the_follow_up_is_refused_and_the_message_kept(client, make_case):
    _case, receipt = make_case()
    open_followup(client, receipt)
    response = client.post(
        "/suivi/", {"action": "message", "body": "Mon texte gardé", "file": upload("x.pdf", SCRIPT)}
    )
    text = page(response)
    assert "n'est ni un PDF ni une image" in text
    assert "Mon texte gardé" in text
    assert not Message.objects.exists()


def test_a_wrong_receipt_gets_a_generic_error(client, make_case):
    make_case()
    response = client.post("/suivi/", {"action": "login", "receipt": "0000 0000 0000 0000"}, follow=True)
    assert response.status_code == 200
    assert "Ce code ne permet pas d'ouvrir un suivi." in page(response)


def test_a_wrong_receipt_is_answered_by_a_redirect_and_a_reload_sends_nothing_again(client, make_case):
    make_case()
    response = client.post("/suivi/", {"action": "login", "receipt": "0000 0000 0000 0000"})
    assert response.status_code == 302 and response["Location"] == "/suivi/"  # post/redirect/get

    shown = client.get("/suivi/")
    assert "Ce code ne permet pas d'ouvrir un suivi." in page(shown)
    assert "0000 0000 0000 0000" not in page(shown)  # the code is typed again, never kept
    again = client.get("/suivi/")  # a reload: the GET, the form as new
    assert "Ce code ne permet pas d'ouvrir un suivi." not in page(again)


def test_a_malformed_receipt_is_answered_by_a_redirect_with_its_error(client, make_case):
    response = client.post("/suivi/", {"action": "login", "receipt": "12"}, follow=True)
    assert response.redirect_chain == [("/suivi/", 302)]
    assert "Le code de suivi compte 16 chiffres" in page(response)


def test_twenty_wrong_receipts_from_one_client_are_answered_429(client, make_case):
    make_case()
    statuses = [
        client.post("/suivi/", {"action": "login", "receipt": f"1111 2222 3333 {i:04d}"}, follow=True).status_code
        for i in range(20)
    ]
    assert statuses[0] == 200
    assert statuses[-1] == 429
    assert statuses.count(429) >= 10


def test_the_limit_also_stops_a_right_receipt_once_reached(client, make_case):
    _case, receipt = make_case()
    for i in range(12):
        client.post("/suivi/", {"action": "login", "receipt": f"1111 2222 3333 {i:04d}"})
    assert client.post("/suivi/", {"action": "login", "receipt": receipt_format(receipt)}, follow=True).status_code == 429


def test_another_client_is_not_blocked_by_a_guesser(client, make_case, settings):
    from django.test import Client

    _case, receipt = make_case()
    for i in range(15):
        client.post("/suivi/", {"action": "login", "receipt": f"1111 2222 3333 {i:04d}"}, REMOTE_ADDR="10.0.0.9")
    other = Client(REMOTE_ADDR="10.0.0.10")
    assert open_followup(other, receipt).status_code == 302


def test_a_person_cannot_download_another_cases_file(client, make_case):
    other_case, _ = make_case()
    from recours.casework.services import attachment_create

    attachment = attachment_create(name="autre.pdf", data=PDF)
    attachment.case = other_case
    attachment.save()
    _mine, receipt = make_case()
    open_followup(client, receipt)
    assert client.get(f"/suivi/fichier/{attachment.pk}/").status_code == 404


def test_the_follow_up_session_ends_when_the_browser_closes_and_after_thirty_idle_minutes(client, make_case, settings):
    _case, receipt = make_case()
    response = open_followup(client, receipt)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == ""  # a browser-session cookie
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST


def test_closing_the_follow_up_forgets_the_case(client, make_case):
    _case, receipt = make_case()
    open_followup(client, receipt)
    client.post("/suivi/", {"action": "close"})
    assert "Votre code de suivi" in page(client.get("/suivi/"))
