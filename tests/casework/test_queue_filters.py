"""Filters of the queue: criterion, domain, département, waiting time; partial update for htmx."""

import datetime as dt

from django.utils import timezone

from recours.casework.models import Case
from recours.casework.services import case_qualify
from tests.factories import NANTES, backdate
from tests.intake.walk import page


def _references(response) -> set[str]:
    return {case.reference for case in response.context["cases"]}


def test_the_criterion_filter_uses_the_qualification_or_what_was_reported(console, adviser, make_case):
    reported, _ = make_case(criteria=("handicap",), **NANTES)
    qualified, _ = make_case(criteria=("patronyme",), **NANTES)
    case_qualify(case=qualified, actor=adviser, criteria=["handicap"])
    other, _ = make_case(criteria=("age",), **NANTES)
    references = _references(console.get("/console/dossiers/", {"criterion": "handicap"}))
    assert references == {reported.reference, qualified.reference}


def test_the_domain_filter_prefers_the_advisers_domain(console, adviser, make_case):
    housing, _ = make_case(domain="logement", **NANTES)
    requalified, _ = make_case(domain="logement", **NANTES)
    case_qualify(case=requalified, actor=adviser, criteria=["origine"], domain="emploi_prive")
    assert _references(console.get("/console/dossiers/", {"domain": "logement"})) == {housing.reference}
    assert _references(console.get("/console/dossiers/", {"domain": "emploi_prive"})) == {requalified.reference}


def test_the_departement_filter(client, teams, make_staff, make_case):
    from tests.accounts.helpers import log_in_verified

    national_adviser, _ = make_staff("juriste", teams["national"])
    log_in_verified(client, national_adviser)
    in_lyon, _ = make_case(commune="69123", postal_code="69001")
    in_marseille, _ = make_case(commune="13055", postal_code="13001")
    assert _references(client.get("/console/dossiers/", {"departement": "69"})) == {in_lyon.reference}


def test_the_departement_filter_finds_a_case_whose_code_has_several_communes_none_chosen(client, teams, make_staff, make_case):
    from tests.accounts.helpers import log_in_verified

    departement_adviser, _ = make_staff("juriste", teams["loire_atlantique"])
    log_in_verified(client, departement_adviser)
    somewhere_in_44470, _ = make_case(commune=None, postal_code="44470")  # Carquefou, Mauves or Thouaré
    saint_nazaire, _ = make_case(commune="44184", postal_code="44600")
    both = {somewhere_in_44470.reference, saint_nazaire.reference}
    assert _references(client.get("/console/dossiers/", {"departement": "44"})) == both
    assert _references(client.get("/console/dossiers/", {"departement": "49"})) == set()


def test_the_waiting_filter_keeps_the_cases_waiting_longer(console, make_case):
    old, _ = make_case(**NANTES)
    backdate(old, days=10)
    make_case(**NANTES)
    assert _references(console.get("/console/dossiers/", {"waiting": "7"})) == {old.reference}


def test_the_filters_work_with_the_tabs(console, adviser, make_case):
    case, _ = make_case(criteria=("handicap",), **NANTES)
    response = console.get("/console/dossiers/", {"vue": "nouveaux", "criterion": "handicap"})
    assert _references(response) == {case.reference}
    assert "criterion=handicap" in response.content.decode()  # the tabs keep the filters


def test_htmx_gets_only_the_results(console, make_case):
    case, _ = make_case(**NANTES)
    response = console.get("/console/dossiers/", HTTP_HX_REQUEST="true")
    text = page(response)
    assert text.lstrip().startswith('<div id="queue-results"') and case.reference in text
    assert "<html" not in text


def test_a_history_restore_gets_the_whole_page(console, make_case):
    response = console.get("/console/dossiers/", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert "<html" in response.content.decode()


def test_an_unknown_filter_value_is_ignored_not_an_error(console, make_case):
    make_case(**NANTES)
    assert console.get("/console/dossiers/", {"criterion": "inconnu", "waiting": "x"}).status_code == 200
