"""The directory in a real browser: a person looks for help near them; an adviser orients a
case, the partner answers through its link, and the person sees the contact."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from recours.casework.services import case_create_from_report
from recours.directory.seed import directory_national_load
from tests.directory.local import directory_local_load
from tests.e2e.axe import assert_accessible
from tests.e2e.helpers import log_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def directory(live_reference_data):
    directory_national_load()
    directory_local_load()


@pytest.mark.parametrize("viewport", ["page", "mobile_page", "nojs_page"])
def test_a_person_finds_help_from_a_postal_code(request, server_url, directory, viewport):
    page = request.getfixturevalue(viewport)
    page.goto(server_url + "/")
    page.get_by_role("link", name="Trouver de l'aide").click()
    expect(page.get_by_role("heading", name="Trouver de l'aide près de chez moi")).to_be_visible()
    page.get_by_label("Code postal").fill("44000")
    page.get_by_text("Préciser ma recherche (facultatif)").click()
    page.get_by_label("Un handicap", exact=True).check()  # the plain words of the report form
    page.get_by_label("Domaine").select_option(label="Le travail dans une entreprise ou une association")
    page.get_by_role("button", name="Chercher").click()
    expect(page.get_by_role("heading", name=re.compile(r"services? près de 44000"))).to_be_visible()
    first = page.locator("article.service-card").first
    expect(first).to_contain_text("Permanence accès aux droits et handicap")
    expect(first.get_by_role("link", name="02 61 91 00 04")).to_have_attribute("href", "tel:0261910004")
    expect(page.get_by_role("heading", name="Partout en France")).to_be_visible()
    assert "handicap" not in page.url.lower()  # the search is posted: nothing in the history
    assert_accessible(page, context=f"directory search ({viewport})")


LONG_NAME = (  # within the 150 characters of a name, one "word" unbreakable
    "Permanence d'accès aux droits Nantes-Saint-Herblain "
    "(PermanenceEgalitéDroitsDiscriminationsLoireAtlantiqueNantesMétropoleOuest)"
)
LONG_LINK = "https://www.permanenceaccesauxdroitsetluttecontrelesdiscriminationsnantes.example.org"


def test_a_long_service_name_and_link_wrap_on_a_phone(mobile_page, server_url, directory):
    from recours.directory.models import Service

    Service.objects.filter(di_id="recours-demo--logement-egal-conseil").update(nom=LONG_NAME, lien_mobilisation=LONG_LINK)
    page = mobile_page
    page.goto(server_url + "/aide/")
    page.get_by_label("Code postal").fill("44000")
    page.get_by_role("button", name="Chercher").click()
    card = page.locator("article.service-card", has_text="Nantes-Saint-Herblain")
    expect(card).to_be_visible()
    # Nothing sticks out of the screen nor out of its card (a cut name was the symptom).
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    overflowing = card.evaluate(
        "card => [...card.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > "
        "card.getBoundingClientRect().right + 0.5).map(e => e.tagName + ': ' + e.textContent.slice(0, 40))"
    )
    assert overflowing == []


def test_an_unknown_postal_code_says_so_and_keeps_the_search(page, server_url, directory):
    page.goto(server_url + "/aide/")
    page.get_by_label("Code postal").fill("00000")
    page.get_by_role("button", name="Chercher").click()
    expect(page.locator(".error-summary")).to_contain_text("Ce code postal n'existe pas")
    expect(page.get_by_label("Code postal")).to_have_value("00000")
    assert_accessible(page, context="directory search in error")


def test_an_adviser_proposes_a_hand_over_the_person_confirms_it_the_partner_accepts(
    new_page, server_url, directory, report_input, teams, make_staff
):
    case, receipt = case_create_from_report(report=report_input(
        commune="44109", postal_code="44000", criteria=("handicap",), plain_grounds=("handicap",),
        domain="emploi_prive", narrative="On refuse d'aménager mon poste depuis mon retour.",
    ))
    adviser, device = make_staff("conseillere.nantes", teams["nantes"], first_name="Camille", last_name="Martin")

    console = new_page()
    log_in(console, server_url, adviser, device)
    console.goto(f"{server_url}/console/dossiers/{case.reference}/")
    console.get_by_role("link", name="Orienter vers une structure").click()
    expect(console.get_by_role("heading", name=re.compile("Services pour Nantes"))).to_be_visible()
    assert_accessible(console, context="orientation page")
    console.get_by_label(re.compile("Choisir Permanence accès aux droits et handicap")).check()
    console.get_by_label(re.compile("Transmettre aussi à la structure")).check()
    console.get_by_label("les motifs et le domaine").check()
    console.get_by_label("Message à la structure (facultatif)").fill("La personne préfère être appelée le matin.")
    console.get_by_role("button", name="Enregistrer l'orientation").click()
    panel = console.locator("#orientation")
    expect(panel).to_contain_text("en attente de l'accord de la personne")
    assert not [m for m in mail.outbox if m.to == ["orientation@handi-droits-44.example.org"]]

    # The report came by the web form: the person confirms the hand-over herself.
    person = new_page()
    person.goto(server_url + "/suivi/")
    person.get_by_label("Votre code de suivi").fill(receipt)
    person.get_by_role("button", name="Ouvrir mon suivi").click()
    proposal = person.locator("section", has=person.get_by_role("heading", name="Votre accord est demandé"))
    expect(proposal).to_contain_text("Permanence accès aux droits et handicap")
    expect(proposal).to_contain_text("La personne préfère être appelée le matin.")
    assert_accessible(person, context="hand-over consent on the follow-up page")
    proposal.get_by_role("button", name="J'accepte la transmission").click()
    expect(person.get_by_text("votre situation est transmise à la structure")).to_be_visible()

    [sent] = [m for m in mail.outbox if m.to == ["orientation@handi-droits-44.example.org"]]
    link = re.search(r"(http://\S+/orientation/\S+/)", sent.body).group(1)
    partner = new_page()
    partner.goto(link)
    expect(partner.get_by_text("La personne préfère être appelée le matin.")).to_be_visible()
    expect(partner.get_by_text("aménager")).to_have_count(0)  # the narrative was not shared
    assert_accessible(partner, context="partner page")
    partner.get_by_role("button", name="Accuser réception").click()
    expect(partner.locator("#orientation-status")).to_contain_text("reçue par la structure")
    partner.get_by_label(re.compile("Un mot pour l'équipe")).fill("Rendez-vous proposé jeudi.")
    partner.get_by_role("button", name="Accepter l'orientation").click()
    expect(partner.locator("#orientation-status")).to_contain_text("acceptée par la structure")

    console.reload()
    expect(panel).to_contain_text("acceptée par la structure")
    expect(panel).to_contain_text("accord donné par la personne sur sa page de suivi")
    expect(panel).to_contain_text("Rendez-vous proposé jeudi.")

    person.reload()
    contacts = person.locator("section", has=person.get_by_role("heading", name="Les contacts que nous vous avons donnés"))
    expect(contacts).to_contain_text("Permanence accès aux droits et handicap")
    expect(contacts.get_by_role("link", name="02 61 91 00 04")).to_be_visible()


def test_a_coordinator_adds_an_entry_and_retires_it(page, server_url, directory, teams, make_staff):
    from recours.accounts.models import Role

    coordinator, device = make_staff("coordination.nantes", teams["nantes"], role=Role.COORDINATOR)
    log_in(page, server_url, coordinator, device)
    page.get_by_role("link", name="Annuaire").click()
    expect(page.get_by_role("heading", name="Annuaire")).to_be_visible()
    assert_accessible(page, context="directory entries")
    page.get_by_role("link", name="Nouvelle fiche").click()
    page.get_by_label("Structure", exact=True).fill("Maison de quartier Bottière")
    page.get_by_label("Nom du service").fill("Permanence discriminations et logement")
    page.get_by_label("Description").fill("Écoute et information sur les droits.")
    page.get_by_label("écoute", exact=True).check()
    page.get_by_label("Zone d'éligibilité").fill("44109")
    page.get_by_role("button", name="Enregistrer la fiche").click()
    expect(page.get_by_text("La fiche est créée.")).to_be_visible()
    assert_accessible(page, context="directory entry")
    page.get_by_role("button", name="Retirer de l'annuaire").click()
    expect(page.get_by_text("La fiche est retirée")).to_be_visible()

    page.goto(server_url + "/aide/")
    page.get_by_label("Code postal").fill("44000")
    page.get_by_role("button", name="Chercher").click()
    expect(page.locator("article.service-card").first).to_be_visible()
    assert "Permanence discriminations et logement" not in page.content()
