"""A file's name cannot break out of Content-Disposition (RFC 6266 / 5987), on either download."""

from django.test import Client

from recours.casework.models import Attachment
from recours.core.receipts import receipt_format
from tests.factories import NANTES
from tests.intake.files import PDF, upload

QUOTED = 'attachment; filename="qu\\"ote.pdf"'


def test_a_quote_in_a_file_name_is_escaped_on_the_console(console, client_factory, make_case):
    case, receipt = make_case(**NANTES)
    person = client_factory()
    person.post("/suivi/", {"action": "login", "receipt": receipt_format(receipt)})
    person.post("/suivi/", {"action": "message", "body": "Voici", "file": upload('qu"ote.pdf', PDF)})
    attachment = Attachment.objects.get(case=case)

    response = console.get(f"/console/dossiers/{case.reference}/pieces/{attachment.pk}/")

    assert response["Content-Disposition"] == QUOTED
    assert response.content == PDF


def test_a_quote_in_a_file_name_is_escaped_on_the_follow_up(make_case):
    case, receipt = make_case()
    person = Client()
    person.post("/suivi/", {"action": "login", "receipt": receipt_format(receipt)})
    person.post("/suivi/", {"action": "message", "body": "Voici", "file": upload('qu"ote.pdf', PDF)})
    attachment = Attachment.objects.get(case=case)

    response = person.get(f"/suivi/fichier/{attachment.pk}/")

    assert response["Content-Disposition"] == QUOTED
    assert response["Cache-Control"] == "no-store"


def test_a_name_beyond_ascii_is_encoded_as_rfc_5987(make_case):
    case, receipt = make_case()
    person = Client()
    person.post("/suivi/", {"action": "login", "receipt": receipt_format(receipt)})
    person.post("/suivi/", {"action": "message", "body": "Voici", "file": upload("reçu été.pdf", PDF)})
    attachment = Attachment.objects.get(case=case)

    response = person.get(f"/suivi/fichier/{attachment.pk}/")

    assert response["Content-Disposition"] == "attachment; filename*=utf-8''re%C3%A7u%20%C3%A9t%C3%A9.pdf"
