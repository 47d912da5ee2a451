"""The adviser's workspace in a real browser: the console's own frame, the case file laid out so
that the last message, the reply box, the status and the qualification summary are in the first
screen at 1280 x 800 (and the whole page at most 2.5 screens tall), stacked in order at 375 px,
and the notifications on a page that is not the chat's."""

import re

import pytest
from playwright.sync_api import expect

from recours.casework.services import case_assign, message_add_by_adviser, message_add_by_person
from recours.chat.services import conversation_start
from tests.e2e.axe import assert_accessible
from tests.e2e.helpers import log_in

pytestmark = pytest.mark.e2e

SCREEN = {"width": 1280, "height": 800}
NARRATIVE = (
    "Je cherchais un appartement à Nantes. L'agence m'a proposé une visite par téléphone, puis quand j'ai "
    "donné mon nom, on m'a dit que l'appartement était déjà loué. Une amie a appelé juste après avec un "
    "autre nom et on lui a proposé une visite le lendemain. J'ai gardé les messages de l'agence."
)


@pytest.fixture
def typical_case(live_reference_data, teams, make_staff, make_case):  # noqa: F811
    """A case as the demo has them: a form report, an answer, the person's reply, assigned."""
    adviser, device = make_staff("camille", teams["nantes"], first_name="Camille", last_name="Martin")
    case, _ = make_case(narrative=NARRATIVE)
    message_add_by_adviser(case=case, body="Bonjour,\n\nMerci pour votre message. Avez-vous gardé les SMS de l'agence ?\n\nCamille", user=adviser)
    message_add_by_person(case=case, body="Oui, j'ai les SMS et le témoignage de mon amie. Que dois-je faire maintenant ?")
    case_assign(case=case, assignee=adviser, actor=adviser)
    return case, adviser, device


def in_first_screen(page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + min(box["height"], 40) <= SCREEN["height"]


def test_the_case_file_shows_the_work_in_the_first_screen_at_1280(new_page, server_url, typical_case):
    case, adviser, device = typical_case
    page = new_page(viewport=SCREEN, locale="fr-FR")
    log_in(page, server_url, adviser, device)
    page.goto(f"{server_url}/console/dossiers/{case.reference}/")
    assert page.locator(".site-nav").count() == 0 and page.locator("footer").count() == 0  # the console's frame
    expect(page.locator(".identity-bar")).to_contain_text("Camille Martin")
    last = page.locator("#thread .message").last
    expect(last).to_contain_text("Que dois-je faire maintenant ?")
    for locator in (last, page.get_by_label("Répondre à la personne"),
                    page.get_by_role("button", name="Envoyer la réponse"), page.locator("#case-status"),
                    page.locator("#qualification h2"), page.locator("#qualification > details > summary")):
        expect(locator).to_be_visible()
        assert in_first_screen(page, locator), locator
    # Three columns: the facts left of the thread, the side column right of it.
    facts, centre, side = (page.locator(sel).bounding_box() for sel in ("#case-facts", "#case-centre", "#case-side"))
    assert facts["x"] < centre["x"] < side["x"]
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= 2.5 * SCREEN["height"], height
    assert_accessible(page, context="case file at 1280 px")


def test_the_case_file_stacks_thread_then_actions_then_facts_at_375(new_page, server_url, typical_case):
    case, adviser, device = typical_case
    page = new_page(viewport={"width": 375, "height": 812}, locale="fr-FR", is_mobile=True, has_touch=True)
    log_in(page, server_url, adviser, device)
    page.goto(f"{server_url}/console/dossiers/{case.reference}/")
    centre, side, facts = (page.locator(sel).bounding_box() for sel in ("#case-centre", "#case-side", "#case-facts"))
    assert centre["y"] < side["y"] < facts["y"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # nothing wider than the screen
    expect(page.locator("#thread .message").last).to_contain_text("Que dois-je faire maintenant ?")
    assert_accessible(page, context="case file at 375 px")


def test_a_waiting_chat_is_announced_on_a_page_that_is_not_the_chats(new_page, server_url, typical_case, settings):
    settings.RECOURS_CONSOLE_POLL_SECONDS = 1
    case, adviser, device = typical_case
    page = new_page(viewport=SCREEN, locale="fr-FR")
    log_in(page, server_url, adviser, device)
    page.goto(f"{server_url}/console/dossiers/")
    title = page.title()
    expect(page.locator("#chat-waiting-live")).to_have_text("")
    conversation_start(postal_code="44000", commune="44109")
    expect(page.locator("#chat-waiting-live")).to_have_text("1 conversation de tchat en attente")
    expect(page.locator('[data-count-for="chat"]')).to_contain_text("1")
    expect(page).to_have_title(re.compile(r"^\(\d\) " + re.escape(title)))
    # A person writes on one of my cases: announced too, by number only.
    message_add_by_person(case=case, body="Un détail : l'agence s'appelle Immo Centre.")
    expect(page.locator("#console-alerts-live")).to_contain_text("1 nouveau message d’une personne sur vos dossiers")
    assert "Immo Centre" not in page.locator("#console-alerts").inner_text()
    assert case.reference not in page.locator("#console-alerts").inner_text()
    assert_accessible(page, context="queue with notifications")


def test_the_availability_is_changed_by_keyboard_from_the_identity_bar(new_page, server_url, typical_case):
    case, adviser, device = typical_case
    page = new_page(viewport=SCREEN, locale="fr-FR")
    log_in(page, server_url, adviser, device)
    page.get_by_label("Disponibilité").select_option("busy")
    page.get_by_role("button", name="Changer").press("Enter")
    expect(page.locator("#availability-now")).to_have_text("occupé·e")
    assert_accessible(page, context="console home")


def focused(locator) -> bool:
    return locator.evaluate("element => element === document.activeElement")


def tab_to(page, locator, limit: int = 40) -> None:
    for _ in range(limit):
        if focused(locator):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {locator}")


def test_a_case_is_qualified_with_the_keyboard_only_through_the_picker(new_page, server_url, typical_case):
    case, adviser, device = typical_case
    page = new_page(viewport=SCREEN, locale="fr-FR")
    log_in(page, server_url, adviser, device)
    page.goto(f"{server_url}/console/dossiers/{case.reference}/")
    qualification = page.locator("#qualification")
    summary = qualification.locator("summary").first
    tab_to(page, summary, limit=80)
    page.keyboard.press("Enter")
    picker = qualification.locator('[data-module="picker"]')
    expect(picker.locator(".picker__chosen")).to_have_text("Choisis : Patronyme")  # the person's own ground, first
    expect(picker.locator(".picker__group").first).to_contain_text("Ce que la personne a signalé")
    page.keyboard.press("Tab")
    search = picker.get_by_label("Filtrer : mots simples ou libellé légal")
    assert focused(search)
    page.keyboard.type("signe religieux")  # the person's plain words find the legal criterion
    expect(picker.locator(".picker__option:not([hidden])")).to_have_count(1)
    expect(picker.locator(".picker__count")).to_have_text("1 résultat")
    page.keyboard.press("Enter")  # to the first option left, without sending the form
    page.keyboard.press("Space")
    expect(picker.locator(".picker__chosen")).to_contain_text("Appartenance ou non-appartenance")
    expect(picker.locator(".picker__chosen")).to_contain_text("Patronyme")
    domain = qualification.get_by_label("Domaine")
    tab_to(page, domain)
    page.keyboard.type("Logement")
    tab_to(page, qualification.get_by_label("Type de situation"))
    page.keyboard.type("Discrimination")
    tab_to(page, qualification.get_by_role("button", name="Enregistrer la qualification"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("La qualification du dossier est enregistrée.")).to_be_visible()
    expect(page.locator("#qualification")).to_contain_text("Patronyme")
    expect(page.locator("#qualification")).to_contain_text("religion")
    expect(page.locator("#qualification")).to_contain_text("Logement")
    assert_accessible(page, context="case file, qualified")


def test_without_javascript_the_picker_is_grouped_collapsible_fieldsets(new_page, server_url, typical_case):
    case, adviser, device = typical_case
    page = new_page(viewport=SCREEN, locale="fr-FR", java_script_enabled=False)
    log_in(page, server_url, adviser, device)
    page.goto(f"{server_url}/console/dossiers/{case.reference}/")
    qualification = page.locator("#qualification")
    qualification.get_by_text("Qualifier le dossier").click()
    picker = qualification.locator('[data-module="picker"]')
    expect(picker.locator(".picker__tools")).to_be_hidden()  # no filter without its script
    expect(picker.get_by_label("Patronyme")).to_be_checked()
    expect(picker.get_by_label("Handicap", exact=True)).to_be_hidden()  # the other criteria are folded
    picker.get_by_text("Autres critères").click()
    picker.get_by_label("Handicap", exact=True).check()
    expect(picker.locator(".picker__source").first).to_be_visible()  # the sources, shown
    qualification.get_by_label("Domaine").select_option(label="Logement")
    assert_accessible(page, context="qualification without JavaScript")
    qualification.get_by_role("button", name="Enregistrer la qualification").click()
    expect(page.get_by_text("La qualification du dossier est enregistrée.")).to_be_visible()
    expect(page.locator("#qualification")).to_contain_text("Handicap")


def test_the_queue_is_walked_with_the_keyboard_and_lists_its_keys(new_page, server_url, typical_case, make_case):
    case, adviser, device = typical_case
    other, _ = make_case(narrative="Refus de location.", criteria=("handicap",), plain_grounds=("handicap",))
    page = new_page(viewport=SCREEN, locale="fr-FR")
    log_in(page, server_url, adviser, device)
    page.goto(f"{server_url}/console/dossiers/")
    rows = page.locator("#queue tbody tr")
    expect(rows).to_have_count(2)
    expect(page.locator(f"#queue tr[data-reference='{case.reference}']")).to_contain_text("la personne a écrit")
    page.keyboard.press("j")
    assert focused(rows.nth(0).locator(".queue__open"))
    page.keyboard.press("j")
    assert focused(rows.nth(1).locator(".queue__open"))
    page.keyboard.press("k")
    assert focused(rows.nth(0).locator(".queue__open"))
    page.keyboard.press("?")
    expect(page.get_by_role("dialog", name="Raccourcis clavier de la file")).to_be_visible()
    assert_accessible(page, context="queue with its keys")
    page.keyboard.press("Escape")
    expect(page.locator("#queue-keys")).to_be_hidden()
    assert focused(rows.nth(0).locator(".queue__open"))  # the focus is back where it was
    second = rows.nth(1).get_attribute("data-reference")
    page.keyboard.press("j")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(f"/console/dossiers/{second}/$"))


def test_a_new_case_appears_in_the_queue_and_is_announced(new_page, server_url, typical_case, make_case, settings):
    settings.RECOURS_CONSOLE_POLL_SECONDS = 1
    case, adviser, device = typical_case
    page = new_page(viewport=SCREEN, locale="fr-FR")
    log_in(page, server_url, adviser, device)
    page.goto(f"{server_url}/console/dossiers/")
    expect(page.locator("#queue tbody tr")).to_have_count(1)
    newcomer, _ = make_case(narrative="Refus d'embauche.")
    expect(page.locator("#queue-live")).to_have_text("1 nouveau dossier est arrivé dans la file.")
    expect(page.locator(f"#queue tr[data-reference='{newcomer.reference}']")).to_have_count(1)
