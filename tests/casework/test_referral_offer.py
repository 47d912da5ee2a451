"""The person receives her own referral file: once it is ready, the adviser gives it on her
follow-up page, as a PDF and as JSON."""

import json

from recours.casework.models import Attachment, Message, MessageAuthor
from recours.core.models import AuditEvent
from tests.casework.test_referral import case, complete, url  # noqa: F401  (the referral tests' case)
from tests.intake.test_followup import open_followup
from tests.intake.walk import page


def _offer(console, case):
    return console.post(url(case), {"action": "offer"}, follow=True)


def _person(client_factory, receipt):
    person = client_factory()
    open_followup(person, receipt)
    return person


def test_a_ready_file_is_offered_to_the_person_who_downloads_it_as_pdf_and_json(console, adviser, client_factory, make_case):
    from tests.factories import NANTES

    file_case, receipt = make_case(**NANTES, contact={"name": "Samira"})
    console.post(url(file_case), complete(action="ready"))
    assert "Remettre le dossier à la personne" in page(console.get(url(file_case)))
    response = _offer(console, file_case)
    assert "Le dossier de saisine est remis à la personne" in page(response)

    message = Message.objects.get(case=file_case)
    assert message.author == MessageAuthor.ADVISER
    assert AuditEvent.objects.filter(case_id=file_case.pk, action="referral.offer", actor=adviser).exists()

    person = _person(client_factory, receipt)
    text = page(person.get("/suivi/"))
    assert "Votre dossier de saisine du Défenseur des droits est prêt" in text
    files = {attachment.filename.rsplit(".", 1)[1]: attachment for attachment in message.attachments.all()}
    assert set(files) == {"pdf", "json"} and f"saisine-{file_case.reference}-" in text
    pdf = person.get(f"/suivi/fichier/{files['pdf'].pk}/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    document = json.loads(person.get(f"/suivi/fichier/{files['json'].pk}/").content)
    assert document["reference"] == file_case.reference and document["respondent"]["name"] == "Agence Immo Centre"


def test_a_draft_is_not_offered_to_the_person(console, case):
    console.post(url(case), complete())
    response = _offer(console, case)
    assert "Seule une saisine prête à transmettre" in page(response)
    assert not Message.objects.filter(case=case).exists() and not Attachment.objects.filter(case=case).exists()
    assert "Remettre le dossier à la personne" not in page(console.get(url(case)))


def test_another_team_cannot_offer_the_file(console, paris_console, case):
    console.post(url(case), complete(action="ready"))
    assert paris_console.post(url(case), {"action": "offer"}).status_code == 404
    assert not Message.objects.filter(case=case).exists()


def test_the_offered_file_is_not_counted_as_the_persons_evidence(console, case):
    from recours.casework.referral import referral_draft_content

    console.post(url(case), complete(action="ready"))
    _offer(console, case)
    assert "saisine-" not in referral_draft_content(case)["evidence"]
