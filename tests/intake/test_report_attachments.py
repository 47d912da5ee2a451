from recours.casework.models import Attachment, Case
from tests.dbdump import database_text
from tests.intake.files import PDF, PNG, SCRIPT, upload
from tests.intake.walk import page, fill_all_steps, post_step


def add_file(client, name, data, content_type="application/pdf"):
    return client.post(
        "/formulaire/", {"step": "files", "action": "upload", "file": upload(name, data, content_type)}, follow=True
    )


def test_a_pdf_and_an_image_are_attached_to_the_report(client, db):
    add_file(client, "refus.pdf", PDF)
    add_file(client, "capture.png", PNG, "image/png")
    fill_all_steps(client)
    client.post("/formulaire/", {"step": "summary", "action": "submit"})

    case = Case.objects.get()
    assert sorted(a.filename for a in case.attachments.all()) == ["capture.png", "refus.pdf"]
    assert next(a for a in case.attachments.all() if a.filename == "refus.pdf").data == PDF


def test_a_script_renamed_pdf_is_refused_and_nothing_is_stored(client, db):
    response = add_file(client, "facture.pdf", SCRIPT)
    assert "n'est ni un PDF ni une image" in page(response)
    assert not Attachment.objects.exists()


def test_an_oversized_file_is_refused(client, db, settings):
    settings.RECOURS_ATTACHMENT_MAX_BYTES = 1000
    response = add_file(client, "gros.pdf", PDF + b"0" * 2000)
    assert "est trop lourd" in page(response)
    assert not Attachment.objects.exists()


def test_a_file_can_be_removed_before_sending(client, db):
    add_file(client, "refus.pdf", PDF)
    attachment = Attachment.objects.get()
    client.post("/formulaire/", {"step": "files", "remove": str(attachment.pk)})
    assert not Attachment.objects.exists()


def test_no_more_than_the_maximum_number_of_files(client, db, settings):
    settings.RECOURS_ATTACHMENT_MAX_COUNT = 2
    add_file(client, "a.pdf", PDF)
    add_file(client, "b.pdf", PDF)
    response = add_file(client, "c.pdf", PDF)
    assert "c'est le maximum" in page(response)
    assert Attachment.objects.count() == 2


def test_attachments_are_encrypted_at_rest(client, db):
    marker = b"%PDF-1.4\n% MarqueurSecretDansLeFichier\n" + PDF
    add_file(client, "Zyxwvu.pdf", marker)
    assert "MarqueurSecretDansLeFichier" not in database_text()
    assert "Zyxwvu" not in database_text()


def test_the_file_step_moves_on_without_a_file(client, db):
    assert "Votre accord" in page(post_step(client, "files", {}))
