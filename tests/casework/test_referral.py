"""The referral file (saisine): drafted from the case, completed with the person, exported
only with their consent, as PDF and JSON, every step in the audit trail."""

import json

import pytest
from django.db import connection

from recours.casework.models import ReferralFile, ReferralStatus, Status
from recours.casework.referral import pdf_url_fetcher
from recours.core.models import AuditEvent
from tests.factories import NANTES
from tests.intake.walk import page

NARRATIVE = "L'agence m'a dit que l'appartement était loué dès que j'ai donné mon nom, puis l'a reloué le lendemain."


@pytest.fixture
def case(make_case):
    case, _ = make_case(narrative=NARRATIVE, contact={"name": "Samira", "phone": "06 11 22 33 44"},
                        steps_taken=("association", "rien"), **NANTES)
    return case


def complete(**overrides) -> dict:
    data = {
        "person_last_name": "Benali", "person_first_name": "Samira", "person_address": "3 rue de Strasbourg",
        "person_postal_code": "44000", "person_city": "Nantes", "person_phone": "06 11 22 33 44",
        "respondent_name": "Agence Immo Centre", "respondent_kind": "landlord",
        "respondent_address": "12 quai de la Fosse, 44000 Nantes",
        "facts": NARRATIVE, "dates": "02/11/2026 : visite refusée\n03/11/2026 : annonce toujours en ligne",
        "steps": "- Une association contactée", "evidence": "- Capture de l'annonce\n- Courriel de l'agence",
        "requests": "Que l'agence reconnaisse le refus.", "consent": "on", "consent_how": "au téléphone",
        "action": "save",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def url(case, suffix=""):
    return f"/console/dossiers/{case.reference}/saisine/{suffix}"


def test_the_first_draft_starts_from_what_the_case_holds(console, adviser, case):
    text = page(console.get(url(case)))
    assert NARRATIVE in text and "Samira" in text and "06 11 22 33 44" in text
    assert "J'ai contacté une association" in text and "Rien pour l'instant" not in text
    assert AuditEvent.objects.filter(case_id=case.pk, action="referral.view", actor=adviser).exists()
    assert not ReferralFile.objects.exists()  # nothing is stored until the adviser saves


def test_a_saved_draft_is_kept_encrypted(console, case):
    response = console.post(url(case), complete(consent=None, consent_how=""))
    assert response.status_code == 302
    referral = ReferralFile.objects.get(case=case)
    assert referral.status == ReferralStatus.DRAFT and referral.consent_at is None
    assert referral.content["respondent"]["name"] == "Agence Immo Centre"
    with connection.cursor() as cursor:
        cursor.execute("SELECT content FROM casework_referralfile")
        (raw,) = cursor.fetchone()
    assert "Benali" not in str(raw) and "Agence Immo" not in str(raw)
    assert "Agence Immo Centre" in page(console.get(url(case)))


def test_a_file_is_not_ready_without_the_persons_consent_and_loses_nothing(console, case):
    response = console.post(url(case), complete(consent=None, consent_how="", action="ready"))
    assert response.status_code == 400
    text = page(response)
    assert "Recueillez l'accord de la personne" in text
    assert "Agence Immo Centre" in text and "Capture de l'annonce" in text
    assert ReferralFile.objects.get(case=case).status == ReferralStatus.DRAFT
    case.refresh_from_db()
    assert case.status == Status.NEW


def test_a_file_is_not_ready_without_who_asks_and_against_whom(console, case):
    response = console.post(url(case), complete(person_last_name="", person_address="", respondent_name="",
                                                action="ready"))
    assert response.status_code == 400
    text = page(response)
    for words in ("une saisine ne peut pas être anonyme", "Indiquez une adresse", "Indiquez qui est mis en cause"):
        assert words in text


def test_consent_needs_to_say_how_it_was_given(console, case):
    response = console.post(url(case), complete(consent_how=""))
    assert response.status_code == 400 and "Dites comment l'accord a été recueilli" in page(response)


def test_a_ready_file_moves_the_case_and_is_audited(console, adviser, case):
    response = console.post(url(case), complete(action="ready"))
    assert response.status_code == 302
    referral = ReferralFile.objects.get(case=case)
    assert referral.status == ReferralStatus.READY and referral.consent_how == "au téléphone"
    case.refresh_from_db()
    assert case.status == Status.REFERRAL_PREPARED
    actions = set(AuditEvent.objects.filter(case_id=case.pk).values_list("action", flat=True))
    assert {"referral.consent", "referral.save", "referral.ready", "case.status"} <= actions
    assert "prête à transmettre" in page(console.get(f"/console/dossiers/{case.reference}/"))


def test_only_a_ready_file_can_be_marked_sent(console, case):
    console.post(url(case), complete())
    response = console.post(url(case), complete(action="sent"))
    assert response.status_code == 400 and "Seule une saisine prête" in page(response)
    console.post(url(case), complete(action="ready"))
    assert console.post(url(case), complete(action="sent")).status_code == 302
    referral = ReferralFile.objects.get(case=case)
    assert referral.status == ReferralStatus.SENT and referral.sent_at is not None


def test_nothing_is_exported_without_consent(console, case):
    console.post(url(case), complete(consent=None, consent_how=""))
    for suffix in ("pdf/", "json/"):
        response = console.get(url(case, suffix), follow=True)
        assert "qu'avec l'accord de la personne" in page(response)
    assert not AuditEvent.objects.filter(case_id=case.pk, action="referral.export").exists()


def test_the_json_export_is_structured_and_audited(console, adviser, case):
    console.post(url(case), complete())
    response = console.get(url(case, "json/"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    assert f"saisine-{case.reference}-" in response["Content-Disposition"] and response["Cache-Control"] == "no-store"
    document = json.loads(response.content)
    assert document["format"] == "recours.saisine/1" and document["reference"] == case.reference
    assert document["person"]["last_name"] == "Benali" and document["respondent"]["kind_label"]
    assert document["evidence"] == ["Capture de l'annonce", "Courriel de l'agence"]
    assert document["consent"]["how"] == "au téléphone" and document["consent"]["given_at"]
    assert {ground["code"] for ground in document["grounds"]} == {"patronyme"}
    assert all(ground["legal_source"] for ground in document["grounds"])
    assert AuditEvent.objects.filter(case_id=case.pk, action="referral.export", actor=adviser,
                                     detail__format="json").exists()


def test_the_pdf_export_is_a_pdf(console, case):
    console.post(url(case), complete())
    response = console.get(url(case, "pdf/"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-") and len(response.content) > 5_000
    assert AuditEvent.objects.filter(case_id=case.pk, action="referral.export", detail__format="pdf").exists()


@pytest.mark.parametrize("address", ["file:///etc/passwd", "http://127.0.0.1:8000/console/", "https://example.org/x.png"])
def test_the_pdf_renderer_fetches_nothing(address):
    with pytest.raises(ValueError, match="disallowed protocol"):
        pdf_url_fetcher().fetch(address)


def test_withdrawn_consent_sends_the_file_back_to_draft_and_stops_exports(console, case):
    console.post(url(case), complete(action="ready"))
    console.post(url(case), complete(consent=None, consent_how=""))
    referral = ReferralFile.objects.get(case=case)
    assert referral.status == ReferralStatus.DRAFT and referral.consent_at is None
    assert console.get(url(case, "json/")).status_code == 302
    assert AuditEvent.objects.filter(case_id=case.pk, action="referral.consent_withdrawn").exists()


def test_a_closed_case_keeps_its_file_but_cannot_change_it(console, adviser, case):
    from recours.casework.services import case_close

    console.post(url(case), complete())
    case_close(case=case, outcome="referral", actor=adviser)
    response = console.post(url(case), complete(facts="autre chose"))
    assert response.status_code == 400 and "rouvrez-le" in page(response)
    assert ReferralFile.objects.get(case=case).content["facts"] == NARRATIVE
    assert console.get(url(case, "json/")).status_code == 200


def test_another_team_cannot_read_or_export_the_file(console, paris_console, case):
    console.post(url(case), complete())
    for suffix in ("", "pdf/", "json/"):
        assert paris_console.get(url(case, suffix)).status_code == 404
    assert paris_console.post(url(case), complete(facts="écrasé")).status_code == 404
    assert ReferralFile.objects.get(case=case).content["facts"] == NARRATIVE
