"""The collective treatment in a real browser: a coordinator links a respondent found as she
types, sees the repeat signal, opens a collective file from the list of respondents, plans a
testing campaign, records a test and reads the result. axe on every new page."""

import re

import pytest
from playwright.sync_api import expect

from recours.collective.services import respondent_create, respondent_link
from tests.factories import NANTES
from tests.e2e.axe import assert_accessible
from tests.e2e.helpers import log_in

pytestmark = pytest.mark.e2e


def test_a_coordinator_goes_from_a_case_to_a_campaign_result(page, server_url, live_reference_data, teams, make_staff, make_case):  # noqa: F811
    adviser, _ = make_staff("conseillere.nantes", teams["nantes"])
    earlier = [make_case(**NANTES)[0] for _ in range(2)]
    tilleuls = respondent_create(nature="organisation", kind="landlord", name="SCI Les Tilleuls", case=earlier[0], actor=adviser)
    respondent_link(respondent=tilleuls, case=earlier[1], actor=adviser)
    case, _ = make_case(**NANTES)
    coordinator, device = make_staff("coord.nantes", teams["nantes"], role="coordinator", first_name="Léa", last_name="Roux")
    log_in(page, server_url, coordinator, device)

    page.goto(f"{server_url}/console/dossiers/{case.reference}/")
    page.get_by_label("Rechercher un mis en cause").press_sequentially("s.c.i. les til", delay=30)
    page.get_by_role("button", name="Lier SCI Les Tilleuls").click()  # the results came as she typed
    expect(page.locator(".repeat-signal")).to_contain_text(
        "2 autres signalements concernent ce mis en cause sur votre territoire depuis 12 mois"
    )
    assert_accessible(page, context="case file with its respondent and the repeat signal")

    page.get_by_role("link", name="Traitement collectif").click()
    page.get_by_role("link", name="Mis en cause par nombre de signalements").click()
    expect(page.locator("#respondent-report")).to_contain_text("SCI Les Tilleuls")
    assert_accessible(page, context="respondents by number of reports")
    page.get_by_role("link", name=re.compile("Ouvrir un dossier collectif")).click()
    expect(page.get_by_label("Dossiers à regrouper (références)")).to_have_value(re.compile(case.reference))
    page.get_by_label("Pratique en cause").fill("Visites refusées selon le nom des candidats")
    page.get_by_role("button", name="Ouvrir le dossier collectif").click()
    expect(page.locator("#cases")).to_contain_text(case.reference)
    assert_accessible(page, context="collective file")

    page.get_by_role("link", name="campagne de tests").click()
    page.get_by_label("Intitulé").fill("Agences de Nantes, printemps")
    page.get_by_label("Cible").fill("Les agences immobilières de Nantes")
    page.get_by_label("Critère testé").select_option(label="Origine")
    page.get_by_label("Profil de référence").fill("Julien Martin, CDI, 2 400 € nets")
    page.get_by_label("Profil testé").fill("Karim Benali, CDI, 2 400 € nets")
    page.get_by_label("Protocole").fill("Deux appels par agence, à une heure d'intervalle, même script.")
    assert_accessible(page, context="new campaign")
    page.get_by_role("button", name="Créer la campagne").click()

    page.get_by_label("Date du test").fill("2026-11-02")
    page.get_by_role("group", name="Réponse au profil de référence").get_by_label("favorable", exact=True).check()
    page.get_by_role("group", name="Réponse au profil testé").get_by_label("défavorable ou sans réponse").check()
    page.get_by_role("button", name="Enregistrer le test").click()
    expect(page.locator("#net-rate")).to_have_text("1,000")
    expect(page.locator("#campaign-tests")).to_contain_text("02/11/2026")
    assert_accessible(page, context="campaign with its result")
