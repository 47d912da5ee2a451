"""Quick intake in the field: four of the form's own questions, each saved on the server as soon
as it is sent; the case waits for an adviser to complete it with the person."""

from recours.casework.models import Case, Channel
from recours.intake.models import ReportDraft
from recours.partners.models import PartnerReport
from tests.intake.walk import VALID_ANSWERS, page
from tests.partners.walk import receipt_in

URL = "/partenaires/terrain/"


def consent(client):
    return client.post(URL, {"person_present": "yes", "share_with_partner": "yes", "contact_way": "partner",
                             "consent": "on"})


def test_a_quick_intake_files_a_case_from_four_steps(handi, handi_client):
    assert consent(handi_client)["Location"] == URL
    for step in ("role", "what", "where", "contact"):
        response = handi_client.post(URL, {"step": step, "action": "next", **VALID_ANSWERS[step]}, follow=True)
        assert [u for u, _ in response.redirect_chain] == [URL]
        assert "Il y a un problème" not in page(response), step
    receipt = receipt_in(page(response))
    case = Case.objects.get()
    assert case.channel == Channel.PARTNER and case.details.get("intake") == "quick" and case.domain is None
    assert PartnerReport.objects.get(case=case).partner == handi
    assert len(receipt.replace(" ", "")) == 16


def test_each_step_is_saved_on_the_server_as_soon_as_it_is_sent(handi_client):
    consent(handi_client)
    handi_client.post(URL, {"step": "role", "action": "next", **VALID_ANSWERS["role"]})
    handi_client.post(URL, {"step": "what", "action": "next", "narrative": "court"})  # refused, kept all the same
    draft = ReportDraft.objects.get()
    assert draft.data["role"] == "victime" and draft.data["narrative"] == "court"
    assert draft.current_step == "what"
    assert "Il y a un problème" in page(handi_client.get(URL))
    assert not Case.objects.exists()


def test_another_partner_has_its_own_quick_intake(handi_client, victims_client):
    consent(handi_client)
    handi_client.post(URL, {"step": "role", "action": "next", **VALID_ANSWERS["role"]})
    assert "Recueil rapide sur le terrain" in page(victims_client.get(URL))  # a fresh start, nothing of the other's
