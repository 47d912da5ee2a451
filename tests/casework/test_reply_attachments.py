"""An adviser's reply can carry documents, checked like the person's; she downloads them from her follow-up page."""

from django.db import connection

from recours.casework.models import Attachment, Message
from recours.core.models import AuditEvent
from tests.factories import NANTES
from tests.intake.files import PDF, PNG, SCRIPT, upload
from tests.intake.test_followup import open_followup
from tests.intake.walk import page


def _reply(console, case, *files, body="Voici le modèle de courrier à envoyer à l'agence."):
    return console.post(f"/console/dossiers/{case.reference}/repondre/", {"body": body, "files": list(files)})


def test_a_reply_carries_documents_the_person_downloads_from_her_follow_up_page(console, adviser, client_factory, make_case):
    case, receipt = make_case(**NANTES)
    response = _reply(console, case, upload("modele-courrier.pdf", PDF), upload("plan.png", PNG, "image/png"))
    assert response.status_code == 302
    message = Message.objects.get(case=case)
    assert sorted(message.attachments.values_list("filename", flat=True)) == ["modele-courrier.pdf", "plan.png"]
    assert AuditEvent.objects.get(case_id=case.pk, action="case.reply").detail["attachments"]

    person = client_factory()
    open_followup(person, receipt)
    text = page(person.get("/suivi/"))
    assert "modele-courrier.pdf" in text and "plan.png" in text
    [pdf] = [attachment for attachment in message.attachments.all() if attachment.filename == "modele-courrier.pdf"]
    download = person.get(f"/suivi/fichier/{pdf.pk}/")
    assert download.status_code == 200 and download.content == PDF and download["Content-Type"] == "application/pdf"


def test_the_documents_of_a_reply_are_encrypted_at_rest(console, make_case):
    case, _receipt = make_case(**NANTES)
    _reply(console, case, upload("modele-courrier.pdf", PDF))
    with connection.cursor() as cursor:
        cursor.execute("SELECT data FROM casework_attachment")
        (raw,) = cursor.fetchone()
    assert b"%PDF" not in bytes(raw)


def test_a_file_that_is_neither_a_pdf_nor_an_image_is_refused_and_nothing_is_sent(console, make_case):
    case, _receipt = make_case(**NANTES)
    response = _reply(console, case, upload("modele.pdf", SCRIPT))
    assert response.status_code == 200
    assert "n'est ni un PDF ni une image" in page(response)
    assert not Message.objects.filter(case=case).exists() and not Attachment.objects.exists()


def test_a_file_too_heavy_is_refused_before_anything_is_sent(console, make_case, settings):
    settings.RECOURS_ATTACHMENT_MAX_BYTES = 50
    case, _receipt = make_case(**NANTES)
    response = _reply(console, case, upload("lourd.pdf", PDF))
    assert "trop lourd" in page(response) and not Message.objects.filter(case=case).exists()


def test_another_receipt_cannot_download_a_reply_document(console, client_factory, make_case):
    case, _receipt = make_case(**NANTES)
    _other, other_receipt = make_case(**NANTES)
    _reply(console, case, upload("modele-courrier.pdf", PDF))
    stranger = client_factory()
    open_followup(stranger, other_receipt)
    attachment = Attachment.objects.get(case=case)
    assert stranger.get(f"/suivi/fichier/{attachment.pk}/").status_code == 404
