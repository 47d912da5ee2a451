"""The adviser console in a real browser: the whole loop from a public report to a reply read
with the receipt, a transfer between teams, and axe on the console pages."""

import re

import pytest
from playwright.sync_api import expect

from recours.casework.services import answer_templates_load
from tests.e2e.axe import assert_accessible
from tests.e2e.helpers import answer_all_steps, log_in, send_and_read_receipt

pytestmark = pytest.mark.e2e


def test_a_report_is_qualified_and_answered_with_a_template_then_read_with_the_receipt(
    new_page, server_url, live_reference_data, teams, make_staff
):
    answer_templates_load()
    adviser, device = make_staff("juriste.44", teams["loire_atlantique"], first_name="Anne", last_name="Le Bihan")

    person = new_page()
    person.goto(server_url + "/formulaire/")
    answer_all_steps(person)
    receipt = send_and_read_receipt(person)

    console = new_page()
    log_in(console, server_url, adviser, device)
    console.get_by_role("link", name=re.compile(r"^Dossiers( \d+ nouveaux)?$")).click()
    row = console.locator("#queue tbody tr").first
    expect(row).to_contain_text("formulaire")
    assert_accessible(console, context="queue")
    row.get_by_role("link").first.click()
    expect(console.get_by_role("heading", name=re.compile("^Dossier "))).to_be_visible()
    # The case page is long and arrives in parts: wait for the report, not only for the heading.
    expect(console.locator("#narrative")).to_contain_text("il était soudain déjà loué")
    assert_accessible(console, context="case file")

    # Qualify: the reported criterion is already checked; add the domain, type and respondent.
    qualification = console.locator("#qualification")
    qualification.get_by_text("Qualifier le dossier").click()  # the form folds under the summary
    expect(qualification.get_by_label("Patronyme")).to_be_checked()
    qualification.get_by_label("Domaine").select_option(label="Logement")
    qualification.get_by_label("Type de situation").select_option(label="Discrimination")
    qualification.get_by_label("Mis en cause").select_option(label="bailleur ou agence immobilière")
    qualification.get_by_label("Analyse juridique").fill("Refus de visite après l'annonce du nom : art. 225-2.")
    qualification.get_by_role("button", name="Enregistrer la qualification").click()
    expect(console.get_by_text("La qualification du dossier est enregistrée.")).to_be_visible()

    # Reply with a template found from the reply box (htmx fills the reply field).
    console.get_by_label("Chercher une réponse type").fill("délais")
    console.get_by_role("button", name="Chercher", exact=True).click()
    console.get_by_role("link", name=re.compile("Insérer.*Les délais pour agir")).click()
    reply = console.get_by_label("Répondre à la personne")
    expect(reply).to_have_value(re.compile("Bonjour,\n\nVoici les délais à connaître"))
    assert "{prenom_conseiller}" not in reply.input_value() and "Anne" in reply.input_value()
    assert "modele" not in console.url  # htmx swapped the reply field in place, no page load
    console.get_by_role("button", name="Envoyer la réponse").click()
    expect(console.get_by_text("Votre réponse est envoyée")).to_be_visible()
    expect(console.locator("#timeline")).to_contain_text("Dossier qualifié")

    person.goto(server_url + "/suivi/")
    person.get_by_label("Votre code de suivi").fill(receipt)
    person.get_by_role("button", name="Ouvrir mon suivi").click()
    expect(person.get_by_text("Voici les délais à connaître")).to_be_visible()
    expect(person.get_by_text(re.compile("prescription est de 6 ans"))).to_be_visible()


def test_a_case_is_transferred_to_another_team_which_then_finds_it(
    new_page, server_url, live_reference_data, teams, make_staff, make_case
):
    case, _ = make_case(commune="44109", postal_code="44000")
    nantes, nantes_device = make_staff("camille", teams["nantes"], first_name="Camille")
    national, national_device = make_staff("sarah", teams["national"], first_name="Sarah")

    page = new_page()
    log_in(page, server_url, nantes, nantes_device)
    page.goto(f"{server_url}/console/dossiers/{case.reference}/")
    page.get_by_text("Transférer à une autre équipe").click()
    form = page.locator("#autres-equipes")
    form.get_by_label("Équipe", exact=True).first.select_option(label=teams["national"].name)
    form.get_by_label("Note de transfert").fill("Situation complexe : avis du pôle juridique national.")
    form.get_by_role("button", name="Transférer le dossier").click()
    expect(page.get_by_text(f"Le dossier {case.reference} est transféré")).to_be_visible()
    assert page.locator(f"#queue tr[data-reference='{case.reference}']").count() == 0

    other = new_page()
    log_in(other, server_url, national, national_device)
    other.goto(server_url + "/console/dossiers/")
    other.locator(f"#queue tr[data-reference='{case.reference}']").get_by_role("link").first.click()
    expect(other.locator("#autres-equipes")).to_contain_text("Situation complexe : avis du pôle juridique national.")
    expect(other.locator("#case-status")).to_contain_text("transféré")


def test_the_templates_library_and_the_advice_tab_are_accessible(
    new_page, server_url, live_reference_data, teams, make_staff
):
    answer_templates_load()
    adviser, device = make_staff("camille", teams["nantes"])
    page = new_page()
    log_in(page, server_url, adviser, device)
    page.get_by_role("link", name="Réponses types").click()
    expect(page.get_by_role("heading", name="Les délais pour agir")).to_be_visible()
    assert_accessible(page, context="templates library")
    page.get_by_role("link", name="Avis demandés").click()
    expect(page.get_by_role("heading", name="Avis demandés à vos équipes")).to_be_visible()
    assert_accessible(page, context="advice requests")


def test_without_javascript_the_queue_filters_and_a_template_fills_the_reply(
    nojs_page, server_url, live_reference_data, teams, make_staff, make_case
):
    answer_templates_load()
    housing, _ = make_case(commune="44109", postal_code="44000", criteria=("handicap",))
    other, _ = make_case(commune="44109", postal_code="44000", criteria=("age",))
    adviser, device = make_staff("camille", teams["nantes"], first_name="Camille")
    page = nojs_page
    log_in(page, server_url, adviser, device)
    page.goto(server_url + "/console/dossiers/")
    page.get_by_label("Critère").select_option(label="Handicap")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.locator(f"#queue tr[data-reference='{housing.reference}']")).to_have_count(1)
    expect(page.locator(f"#queue tr[data-reference='{other.reference}']")).to_have_count(0)

    page.goto(f"{server_url}/console/dossiers/{housing.reference}/")
    page.get_by_label("Chercher une réponse type").fill("preuves")
    page.get_by_role("button", name="Chercher", exact=True).click()
    page.get_by_role("link", name=re.compile("Insérer.*Les preuves à réunir")).click()
    expect(page.get_by_label("Répondre à la personne")).to_have_value(re.compile("Cerfa n° 11527"))
    assert "modele=" in page.url  # a plain GET: the whole page came back with the reply filled
