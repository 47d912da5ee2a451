"""Asking another team for advice: it reads the question, not the case, and its answer lands in the case."""

import pytest
from django.core.exceptions import ValidationError

from recours.casework.models import AdviceRequest
from recours.casework.services import advice_answer, advice_ask
from recours.core.models import AuditEvent
from tests.factories import NANTES
from tests.intake.walk import page

QUESTION = "Connaissez-vous une association qui accompagne les tests de situation ?"


@pytest.fixture
def advice(adviser, teams, make_case):
    case, _ = make_case(**NANTES)
    return advice_ask(case=case, to_team=teams["paris"], question=QUESTION, actor=adviser)


def test_an_adviser_asks_another_team_from_the_case_file(console, teams, make_case):
    case, _ = make_case(**NANTES)
    response = console.post(
        f"/console/dossiers/{case.reference}/demander-avis/", {"to_team": str(teams["paris"].pk), "text": QUESTION}
    )
    assert response.status_code == 302
    advice = AdviceRequest.objects.get(case=case)
    assert advice.to_team == teams["paris"] and advice.from_team == teams["nantes"]
    assert "Avis demandé à une autre équipe" in page(console.get(f"/console/dossiers/{case.reference}/"))


def test_the_asked_team_sees_the_request_in_its_tab_but_never_the_case(paris_console, advice):
    case = advice.case
    listing = page(paris_console.get("/console/dossiers/avis/"))
    assert case.reference in listing
    detail = page(paris_console.get(f"/console/dossiers/avis/{advice.pk}/"))
    assert QUESTION in detail and "Ville de Nantes" in detail
    assert case.narrative not in detail
    assert paris_console.get(f"/console/dossiers/{case.reference}/").status_code == 404
    assert case.reference not in page(paris_console.get("/console/dossiers/"))
    assert AuditEvent.objects.filter(case_id=case.pk, action="advice.view").exists()


@pytest.mark.parametrize("action", ["repondre", "note", "statut", "qualifier", "clore", "transferer", "attribuer"])
def test_a_pending_advice_request_opens_no_action_on_the_case(paris_console, advice, action):
    case = advice.case
    response = paris_console.post(f"/console/dossiers/{case.reference}/{action}/", {"body": "x", "outcome": "information"})
    assert response.status_code == 404
    case.refresh_from_db()
    assert case.status == "new" and not case.messages.exists() and not case.notes.exists()


def test_the_answer_lands_in_the_case(console, paris_console, paris_adviser, advice):
    response = paris_console.post(f"/console/dossiers/avis/{advice.pk}/", {"answer": "Oui : la Maison des potes, à Nantes."})
    assert response.status_code == 302
    advice.refresh_from_db()
    assert advice.answered_by == paris_adviser and advice.answered_at is not None
    text = page(console.get(f"/console/dossiers/{advice.case.reference}/"))
    assert "Oui : la Maison des potes, à Nantes." in text and "Avis reçu d'une autre équipe" in text


def test_an_advice_request_is_answered_once(paris_adviser, advice):
    advice_answer(advice=advice, answer="Premier avis", actor=paris_adviser)
    with pytest.raises(ValidationError):
        advice_answer(advice=advice, answer="Second avis", actor=paris_adviser)


def test_a_third_team_sees_nothing_of_the_request(client, teams, make_staff, advice):
    from tests.accounts.helpers import log_in_verified

    other, _ = make_staff("conseil.44", teams["loire_atlantique"])
    log_in_verified(client, other)
    assert client.get(f"/console/dossiers/avis/{advice.pk}/").status_code == 404
    assert client.post(f"/console/dossiers/avis/{advice.pk}/", {"answer": "intrus"}).status_code == 404
    assert advice.case.reference not in page(client.get("/console/dossiers/avis/"))
    advice.refresh_from_db()
    assert advice.answered_at is None


def test_the_asking_team_cannot_answer_its_own_request(console, advice):
    assert console.post(f"/console/dossiers/avis/{advice.pk}/", {"answer": "moi-même"}).status_code == 404


def test_advice_cannot_be_asked_of_the_cases_own_team(adviser, teams, make_case):
    case, _ = make_case(**NANTES)
    with pytest.raises(ValidationError):
        advice_ask(case=case, to_team=teams["nantes"], question="?", actor=adviser)


def test_the_navigation_counts_the_pending_requests(paris_console, paris_adviser, advice):
    badge = '<span class="console-nav__count" data-count-for="advice"> <span class="badge badge--count">1</span>'
    assert badge in page(paris_console.get("/console/dossiers/"))
    advice_answer(advice=advice, answer="Vu.", actor=paris_adviser)
    assert badge not in page(paris_console.get("/console/dossiers/"))
