"""The form keeps one address and answers every POST with a redirect, so no page of the
browser's history is a POST it would offer to send again ("Confirm Form Resubmission")."""

from django.contrib.sessions.models import Session

from recours.casework.models import Case
from recours.intake import services
from tests.intake.walk import fill_all_steps, page, post_step


def post_raw(client, payload):
    return client.post("/formulaire/", payload)


def test_an_invalid_step_is_answered_by_a_redirect_not_a_page(client, db):
    response = post_raw(client, {"step": "role", "action": "next"})
    assert response.status_code == 302 and response["Location"] == "/formulaire/"
    assert "Indiquez qui vous êtes dans cette situation." in page(client.get("/formulaire/"))


def test_errors_are_shown_once_then_the_step_reads_as_typed(client, db):
    post_step(client, "role")
    post_raw(client, {"step": "what", "action": "next", "narrative": "court"})
    assert "Il y a un problème" in page(client.get("/formulaire/"))
    reloaded = page(client.get("/formulaire/"))
    assert "Il y a un problème" not in reloaded and "court" in reloaded


def test_sending_is_answered_by_a_redirect_to_the_receipt(client, db):
    fill_all_steps(client)
    response = post_raw(client, {"step": "summary", "action": "submit"})
    assert response.status_code == 302 and response["Location"] == "/formulaire/"
    assert Case.objects.count() == 1
    assert "Votre code de suivi" in page(client.get("/formulaire/"))


def test_the_receipt_is_shown_by_one_get_only(client, db):
    fill_all_steps(client)
    post_raw(client, {"step": "summary", "action": "submit"})
    assert "Votre code de suivi" in page(client.get("/formulaire/"))
    again = page(client.get("/formulaire/"))
    assert "Votre code de suivi" not in again and "Avant de commencer" in again


def test_the_receipt_never_sits_in_clear_in_the_session(client, db):
    fill_all_steps(client)
    post_raw(client, {"step": "summary", "action": "submit"})
    [session] = Session.objects.all()
    token = session.get_decoded()[services.RECEIPT_SESSION_KEY]
    receipt = services.receipt_take({services.RECEIPT_SESSION_KEY: token})
    assert receipt and receipt not in token and receipt not in session.session_data


def test_a_receipt_left_unread_expires(client, db, settings):
    fill_all_steps(client)
    post_raw(client, {"step": "summary", "action": "submit"})
    settings.RECOURS_RECEIPT_HANDOFF_SECONDS = -1  # as if read too late
    assert "Votre code de suivi" not in page(client.get("/formulaire/"))


def test_a_refused_file_is_answered_by_a_redirect_and_its_message_shown_once(client, db, settings):
    from tests.intake.files import PDF, upload

    settings.RECOURS_ATTACHMENT_MAX_BYTES = 1000
    response = post_raw(client, {"step": "files", "action": "upload", "file": upload("gros.pdf", PDF + b"0" * 2000, "application/pdf")})
    assert response.status_code == 302
    assert "est trop lourd" in page(client.get("/formulaire/"))
    assert "est trop lourd" not in page(client.get("/formulaire/"))


def test_too_many_reports_is_answered_by_a_redirect_and_the_draft_kept(client, db, settings):
    fill_all_steps(client)
    settings.RECOURS_REPORT_RATE_PER_CLIENT = 0
    response = post_raw(client, {"step": "summary", "action": "submit"})
    assert response.status_code == 302
    shown = client.get("/formulaire/")
    assert shown.status_code == 429 and "Trop de signalements" in page(shown)
    assert "Vérifiez avant d'envoyer" in page(client.get("/formulaire/"))
    assert not Case.objects.exists()
