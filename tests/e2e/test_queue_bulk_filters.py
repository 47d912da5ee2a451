"""Bulk actions and saved filters of the queue in a real browser: an adviser ticks cases with the
keyboard and takes them, ticks every case of the page without JavaScript and transfers them,
saves the queue's filters under a name, applies, renames and deletes them."""

import re

import pytest
from playwright.sync_api import expect

from recours.casework.models import Case
from recours.console.models import SavedFilter
from tests.e2e.axe import assert_accessible
from tests.e2e.helpers import staff_page
from tests.factories import NANTES

pytestmark = pytest.mark.e2e

SCREEN = {"viewport": {"width": 1280, "height": 800}, "locale": "fr-FR"}


@pytest.fixture
def adviser(live_reference_data, teams, make_staff):  # noqa: F811
    user, _device = make_staff("camille", teams["nantes"], first_name="Camille", last_name="Martin")
    return user


def test_an_adviser_ticks_cases_with_the_keyboard_and_takes_them(new_page, server_url, adviser, make_case):
    cases = [make_case(**NANTES)[0] for _ in range(3)]
    page = staff_page(new_page, adviser, server_url, **SCREEN)
    page.goto(f"{server_url}/console/dossiers/")
    rows = page.locator("#queue tbody tr")
    expect(rows).to_have_count(3)
    page.wait_for_load_state("load")
    page.keyboard.press("?")
    keys = page.get_by_role("dialog", name="Raccourcis clavier de la file")
    expect(keys).to_contain_text("cocher ou décocher le dossier (actions groupées)")
    page.keyboard.press("Escape")
    page.keyboard.press("j")
    page.keyboard.press("x")  # the first case
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("x")  # the third
    first, third = rows.nth(0).get_attribute("data-reference"), rows.nth(2).get_attribute("data-reference")
    expect(page.get_by_label(f"Choisir le dossier {first}")).to_be_checked()
    expect(page.get_by_label(f"Choisir le dossier {third}")).to_be_checked()
    expect(page.get_by_label(f"Choisir le dossier {rows.nth(1).get_attribute('data-reference')}")).not_to_be_checked()
    assert_accessible(page, context="queue with ticked cases")
    page.get_by_role("button", name="Me les attribuer").click()
    expect(page.get_by_text("2 dossier(s) attribué(s) à Camille Martin.")).to_be_visible()
    assigned = set(Case.objects.filter(assigned_to=adviser).values_list("reference", flat=True))
    assert assigned == {first, third} and len(cases) == 3


def test_every_case_of_the_page_is_ticked_at_once(new_page, server_url, adviser, make_case):
    for _ in range(2):
        make_case(**NANTES)
    page = staff_page(new_page, adviser, server_url, **SCREEN)
    page.goto(f"{server_url}/console/dossiers/")
    page.wait_for_load_state("load")
    page.get_by_label("Tous les dossiers de cette page").check()
    ticks = page.locator("#queue tbody .queue__row-check")
    expect(ticks.nth(0)).to_be_checked()
    expect(ticks.nth(1)).to_be_checked()
    ticks.nth(1).uncheck()  # one less: "every case" no longer holds
    expect(page.get_by_label("Tous les dossiers de cette page")).not_to_be_checked()


def test_without_javascript_every_case_of_the_page_is_transferred(new_page, server_url, adviser, teams, make_case):
    cases = [make_case(**NANTES)[0] for _ in range(2)]
    page = staff_page(new_page, adviser, server_url, **SCREEN, java_script_enabled=False)
    page.goto(f"{server_url}/console/dossiers/")
    page.get_by_label("Tous les dossiers de cette page").check()
    page.get_by_text("Transférer à une autre équipe").click()
    page.get_by_label("Équipe", exact=True).select_option(label="Ville de Paris")
    page.get_by_label("Note de transfert").fill("Les faits ont eu lieu à Paris.")
    assert_accessible(page, context="queue's bulk transfer without JavaScript")
    page.get_by_role("button", name="Transférer", exact=True).click()
    expect(page.get_by_text("2 dossier(s) transféré(s) à l'équipe Ville de Paris.")).to_be_visible()
    expect(page.get_by_text("Aucun dossier dans cette vue.")).to_be_visible()
    assert all(Case.objects.get(pk=case.pk).team == teams["paris"] for case in cases)


def test_an_adviser_saves_applies_renames_and_deletes_a_filter(new_page, server_url, adviser, make_case):
    make_case(**NANTES)
    page = staff_page(new_page, adviser, server_url, **SCREEN)
    page.goto(f"{server_url}/console/dossiers/")
    page.wait_for_load_state("load")
    page.get_by_label("Canal").select_option("form")  # htmx: the table and the filters' query follow
    expect(page).to_have_url(re.compile(r"channel=form"))
    saved = page.locator("#saved-filters")
    expect(saved.locator("input[name=query]").last).to_have_value(re.compile("channel=form"))
    saved.get_by_label("Enregistrer la vue et les filtres actuels sous le nom").fill("Formulaires")
    saved.get_by_role("button", name="Enregistrer le filtre").click()
    expect(page.get_by_text("Le filtre « Formulaires » est enregistré.")).to_be_visible()
    assert SavedFilter.objects.get(owner=adviser).query == "vue=tous&channel=form"

    page.goto(f"{server_url}/console/dossiers/")
    page.locator("#saved-filters").get_by_role("link", name="Formulaires").click()
    expect(page).to_have_url(re.compile(r"channel=form"))
    expect(page.get_by_label("Canal")).to_have_value("form")
    assert_accessible(page, context="queue with a saved filter applied")

    saved = page.locator("#saved-filters")
    saved.get_by_text("Modifier").click()
    saved.get_by_label("Nouveau nom").fill("Formulaires reçus")
    saved.get_by_role("button", name="Renommer").click()
    expect(page.locator("#saved-filters").get_by_role("link", name="Formulaires reçus")).to_be_visible()

    saved = page.locator("#saved-filters")
    saved.get_by_text("Modifier").click()
    saved.get_by_role("button", name=re.compile("^Supprimer")).click()
    expect(page.get_by_text("Le filtre « Formulaires reçus » est supprimé.")).to_be_visible()
    expect(page.locator("#saved-filters")).to_contain_text("Aucun filtre enregistré.")
    assert not SavedFilter.objects.exists()
