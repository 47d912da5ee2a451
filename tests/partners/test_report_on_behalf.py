"""A member files a report with a person: the form's own steps, her consent, her own receipt."""

from django.test import Client

from recours.casework.models import Case, Channel, PartnerMessage
from recours.casework.services import case_close, case_message_to_partner, case_reply
from recours.partners.models import PartnerReport
from tests.intake.walk import page
from tests.partners.walk import STEPS_URL, file_report, receipt_in, start


def test_a_member_files_a_report_through_the_forms_own_steps(handi, handi_member, handi_client):
    text = file_report(handi_client)
    assert "Le signalement est envoyé" in text
    report = PartnerReport.objects.get()
    assert report.partner == handi and report.filed_by == handi_member and report.share_with_partner
    case = report.case
    assert case.channel == Channel.PARTNER and case.filed_by_structure == handi.structure
    assert case.narrative == "L'agence a refusé ma candidature quand elle a vu mon nom."


def test_the_steps_check_answers_as_the_public_form_does(handi_client):
    start(handi_client)
    response = handi_client.post(STEPS_URL, {"step": "role", "action": "next"}, follow=True)
    assert "Il y a un problème" in page(response)
    assert not Case.objects.exists()


def test_the_steps_need_the_persons_consent_first(handi_client):
    response = handi_client.get(STEPS_URL)
    assert response.status_code == 302 and response["Location"] == "/partenaires/signaler/"
    refused = handi_client.post("/partenaires/signaler/", {"person_present": "yes", "share_with_partner": "yes",
                                                           "contact_way": "direct"})
    assert refused.status_code == 200 and "Sans l'accord de la personne" in page(refused)


def test_the_person_follows_her_report_alone_with_her_own_receipt(handi_client):
    receipt = receipt_in(file_report(handi_client))
    person = Client()
    response = person.post("/suivi/", {"receipt": receipt}, follow=True)
    assert "Suivi de votre signalement" in page(response)
    assert "L'agence a refusé ma candidature" in page(response)


def test_the_receipt_is_shown_once_and_read_aloud(handi_client):
    text = file_report(handi_client)
    digits = receipt_in(text).replace(" ", "")
    words = ("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf")
    assert " ".join(words[int(d)] for d in digits[:4]) in text
    again = handi_client.get(STEPS_URL)
    assert again.status_code == 302  # nothing left to show: the receipt went with the page


def test_contact_only_through_the_partner_is_on_the_case(handi_client):
    file_report(handi_client, contact_way="partner")
    assert Case.objects.get().contact_through_partner


def test_the_partner_follows_status_its_messages_and_outcome_when_shared(handi_client, adviser):
    file_report(handi_client)
    case = Case.objects.get()
    case_message_to_partner(case=case, body="Pouvez-vous nous transmettre le courrier de refus ?", actor=adviser)
    case_reply(case=case, body="Réponse à la personne seulement.", actor=adviser, followup_url="http://x/suivi/")
    case_close(case=case, outcome="information", actor=adviser)
    text = page(handi_client.get(f"/partenaires/dossiers/{case.reference}/"))
    assert "Pouvez-vous nous transmettre le courrier de refus" in text
    assert "information sur les droits donnée" in text
    assert "Réponse à la personne seulement" not in text
    assert "L'agence a refusé" not in text  # the narrative stays with the team


def test_without_consent_to_share_the_partner_sees_nothing_of_the_case(handi_client, adviser):
    file_report(handi_client, shared=False)
    case = Case.objects.get()
    case_message_to_partner(case=case, body="Message confidentiel au partenaire", actor=adviser)
    case_close(case=case, outcome="information", actor=adviser)
    text = page(handi_client.get(f"/partenaires/dossiers/{case.reference}/"))
    assert "n'a pas souhaité que votre structure suive son dossier" in text
    assert "Message confidentiel" not in text and "information sur les droits donnée" not in text


def test_another_partner_never_reaches_the_report(handi_client, victims_client):
    file_report(handi_client)
    case = Case.objects.get()
    assert victims_client.get(f"/partenaires/dossiers/{case.reference}/").status_code == 404
    assert case.reference not in page(victims_client.get("/partenaires/dossiers/"))


def test_the_adviser_writes_to_the_partner_from_the_case(handi_client, console):
    file_report(handi_client)
    case = Case.objects.get()
    case_page = page(console.get(f"/console/dossiers/{case.reference}/"))
    assert "Structure partenaire" in case_page
    response = console.post(f"/console/dossiers/{case.reference}/partenaire/", {"body": "Bonjour"})
    assert response.status_code == 302
    assert PartnerMessage.objects.filter(case=case).count() == 1
