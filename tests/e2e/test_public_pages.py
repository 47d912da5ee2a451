"""Know your rights, the easy-read pages and a team's local entry in a real browser, on a phone
(375 px) and a desktop (1280 px): axe finds no serious or critical violation, nothing overflows
sideways, and the pages work with JavaScript off."""

import pytest
from playwright.sync_api import expect

from recours.rights.views import EASY_READ
from tests.e2e.axe import assert_accessible

VIEWPORTS = ["mobile_page", "page"]


@pytest.fixture
def rights(live_reference_data):
    from recours.rights.services import rights_load

    rights_load()


@pytest.fixture
def nantes_entry(live_reference_data, teams):  # noqa: F811
    from recours.accounts.models import LocalEntry

    return LocalEntry.objects.create(
        team=teams["nantes"], slug="nantes", name="Nantes contre les discriminations",
        intro="Le service de la Ville de Nantes.", colour_primary="#00594f", colour_accent="#a4161a",
        phone="02 40 41 00 00", phone_hours="du lundi au vendredi, 9 h – 17 h",
        legal_notice="Éditeur : Ville de Nantes.",
    )


def visit(page, url: str):
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    expect(page.locator("h1").first).to_be_visible()
    scroll_width, inner_width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll_width <= inner_width, f"{url}: {scroll_width} px wide in a {inner_width} px window"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_rights_list_its_search_and_a_page_are_accessible(request, viewport, server_url, rights):
    page = request.getfixturevalue(viewport)
    visit(page, server_url + "/droits/")
    assert_accessible(page, context=f"rights list, {viewport}")
    page.get_by_label("Rechercher une situation").fill("enceinte")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.locator("#resultats")).to_have_text("1 situation trouvée")
    assert_accessible(page, context=f"rights search, {viewport}")
    page.get_by_role("link", name="J'ai été licenciée ou pas embauchée parce que je suis enceinte").click()
    expect(page.locator("h1")).to_have_text("J'ai été licenciée ou pas embauchée parce que je suis enceinte")
    visit(page, page.url)
    assert_accessible(page, context=f"rights page, {viewport}")


def test_report_it_from_a_rights_page_without_javascript(nojs_page, server_url, rights):
    page = nojs_page
    visit(page, server_url + "/droits/logement-refuse-a-cause-de-mon-handicap/")
    page.locator("#rights-report").click()
    page.get_by_role("button", name="Commencer").click()
    expect(page.locator("h1, legend h1, .label-heading").first).to_be_visible()
    assert page.url.endswith("/formulaire/")


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("slug", list(EASY_READ))
def test_the_easy_read_pages_are_accessible(request, viewport, slug, server_url, live_reference_data):
    page = request.getfixturevalue(viewport)
    visit(page, f"{server_url}/facile/{slug}/")
    assert_accessible(page, context=f"easy-read {slug}, {viewport}")


def test_the_footer_leads_to_the_easy_read_version(page, server_url, live_reference_data):
    visit(page, server_url + "/")
    page.locator("#footer-easy-read").click()
    expect(page).to_have_url(server_url + "/facile/accueil/")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_local_entry_is_accessible_in_its_own_colours(request, viewport, server_url, nantes_entry):
    page = request.getfixturevalue(viewport)
    visit(page, server_url + "/l/nantes/")
    primary = page.evaluate("() => getComputedStyle(document.documentElement).getPropertyValue('--colour-primary').trim()")
    assert primary == "#00594f"
    assert_accessible(page, context=f"local entry, {viewport}")


def test_the_accessibility_statement_is_accessible(mobile_page, server_url, live_reference_data):
    visit(mobile_page, server_url + "/accessibilite/")
    assert_accessible(mobile_page, context="accessibility statement, 375 px")


def test_a_national_coordinator_edits_a_page_in_the_console(page, server_url, rights, teams, make_staff):  # noqa: F811
    from recours.accounts.models import Role
    from recours.rights.models import RightsPage
    from tests.e2e.helpers import log_in

    user, device = make_staff("coordination.nationale", teams["national"], role=Role.COORDINATOR)
    log_in(page, server_url, user, device)
    page.get_by_role("link", name="Connaître mes droits").first.click()
    assert_accessible(page, context="console, rights pages")
    page.get_by_role("link", name="Je suis contrôlé·e par la police à cause de ma couleur de peau").click()
    assert_accessible(page, context="console, a rights page's form")
    page.get_by_label("En bref").fill("Résumé relu.")
    page.get_by_label("Ce qui a changé").fill("Relecture")
    page.get_by_role("button", name="Enregistrer une nouvelle version").click()
    expect(page.get_by_text("La page est enregistrée (version 2).")).to_be_visible()
    page.get_by_role("link", name="Versions").click()
    assert_accessible(page, context="console, versions")
    assert RightsPage.objects.get(slug="police-controle-au-facies").version == 2
