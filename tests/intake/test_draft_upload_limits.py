"""Files added to reports being written: limited per client and in bytes per draft."""

from django.test import Client

from recours.casework.models import Attachment
from tests.intake.files import PDF, upload
from tests.intake.walk import page


def add_file(client, name, data):
    return client.post("/formulaire/", {"step": "files", "action": "upload", "file": upload(name, data)})


def test_one_client_uploading_from_many_sessions_is_refused(db, settings):
    settings.RECOURS_UPLOAD_RATE_PER_CLIENT = 4
    for n in range(6):
        add_file(Client(), f"piece{n}.pdf", PDF)

    assert Attachment.objects.count() == 4


def test_the_refusal_names_the_file_in_plain_french(db, settings):
    settings.RECOURS_UPLOAD_RATE_PER_CLIENT = 1
    client = Client()
    add_file(client, "un.pdf", PDF)
    response = add_file(client, "deux.pdf", PDF)

    assert response.status_code == 302  # post/redirect/get: the files step shows the refusal
    assert "« deux.pdf » n'a pas été ajouté" in page(client.get("/formulaire/"))
    assert Attachment.objects.count() == 1


def test_files_past_the_draft_quota_are_refused(db, settings):
    settings.RECOURS_DRAFT_ATTACHMENTS_MAX_BYTES = 5000
    client = Client()
    assert add_file(client, "un.pdf", PDF + b"0" * 3000).status_code == 302

    add_file(client, "deux.pdf", PDF + b"0" * 3000)

    assert "« deux.pdf » n'a pas été ajouté" in page(client.get("/formulaire/"))
    assert Attachment.objects.count() == 1
