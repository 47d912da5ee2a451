"""Reports that come by letter, email or in person are recorded with their channel and document,
and the person gets her receipt the way she came."""

from django.test import Client

from recours.casework.models import Attachment, Case, Channel
from recours.core.models import AuditEvent, OutboundMail
from recours.partners.models import PartnerReport
from tests.intake.walk import page
from tests.partners.walk import receipt_in

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

ANSWERS = {
    "role": "victime", "narrative": "Par courrier : le bailleur refuse mon dossier à cause de mon nom.",
    "place": "lieu", "postal_code": "44000", "period": "mois", "grounds": ["nom"], "domain": "logement",
    "steps_taken": ["rien"], "contact_wanted": "oui", "email": "personne@example.org",
}


def record(client, url, **extra):
    return client.post(url, {**ANSWERS, "channel": "letter", "receipt_by": "card", **extra})


def test_staff_record_a_letter_and_print_the_persons_card(console, teams):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = record(console, "/console/signalements/nouveau/",
                      document=SimpleUploadedFile("lettre.pdf", PDF, content_type="application/pdf"))
    assert response.status_code == 302 and response["Location"] == "/console/signalements/recu/"
    card = page(console.get("/console/signalements/recu/"))
    receipt = receipt_in(card)
    case = Case.objects.get()
    assert case.channel == Channel.LETTER and case.filed_by_structure is None
    assert Attachment.objects.filter(case=case).count() == 1
    assert console.get("/console/signalements/recu/").status_code == 302  # shown once
    person = Client()
    assert "Suivi de votre signalement" in page(person.post("/suivi/", {"receipt": receipt}, follow=True))


def test_the_receipt_by_mail_holds_the_code_and_nothing_of_the_report(console, teams):
    response = record(console, "/console/signalements/nouveau/", channel="email", receipt_by="mail")
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.channel == Channel.EMAIL
    mail = OutboundMail.objects.get(kind="case.receipt")
    assert mail.to == "personne@example.org"
    assert "bailleur" not in mail.body and "nom" not in mail.subject.lower()
    assert "/suivi/" in mail.body and any(c.isdigit() for c in mail.body)


def test_the_receipt_by_mail_needs_the_persons_address(console, teams):
    response = record(console, "/console/signalements/nouveau/", receipt_by="mail", contact_wanted="non", email="")
    assert response.status_code == 400 and not Case.objects.exists()


def test_the_forms_own_rules_check_a_letter(console, teams):
    response = record(console, "/console/signalements/nouveau/", narrative="court", postal_code="")
    assert response.status_code == 400
    assert "Indiquez le code postal du lieu." in page(response)
    assert not Case.objects.exists()


def test_a_partner_member_records_a_desk_visit(handi, handi_client):
    response = record(handi_client, "/partenaires/signalements/nouveau/", channel="in_person", share_with_partner="on")
    assert response["Location"] == "/partenaires/signalements/recu/"
    assert "id=\"receipt-code\"" in page(handi_client.get("/partenaires/signalements/recu/"))
    report = PartnerReport.objects.get()
    assert report.case.channel == Channel.IN_PERSON and report.partner == handi and report.share_with_partner
    assert AuditEvent.objects.filter(action="case.arrival", case_id=report.case_id).exists()


def test_visitors_and_partner_members_cannot_record_from_the_console(handi_client):
    assert record(Client(), "/console/signalements/nouveau/").status_code == 302
    assert record(handi_client, "/console/signalements/nouveau/").status_code == 403
    assert not Case.objects.exists()
