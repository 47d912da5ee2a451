"""The State theme (RECOURS_THEME=dsfr) in a real browser, at 375 px and 1280 px: the home
page, the report form, the follow-up, a rights page and the console pass axe (no serious or
critical violation), nothing overflows sideways, every file comes from the service itself
(the Marianne font included), and no Content-Security-Policy violation is reported
(browser_log fails the test on one). The gallery passes axe in both themes."""

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible
from tests.e2e.helpers import (
    DESKTOP, MOBILE, answer_all_steps, no_horizontal_scroll, open_followup, send_and_read_receipt, staff_page,
)

SCREENS = {"375px": MOBILE, "1280px": DESKTOP}


@pytest.fixture
def dsfr(settings):
    settings.RECOURS_THEME = "dsfr"


def watch_requests(page) -> list[str]:
    """Every address the page asks for, from now on."""
    urls = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def assert_all_from(server_url, urls):
    outside = [url for url in urls if not url.startswith((server_url, "data:"))]
    assert outside == [], f"requests to another host: {outside}"


def check(page, context):
    expect(page.locator("h1").first).to_be_visible()
    no_horizontal_scroll(page)
    assert_accessible(page, context=f"dsfr theme, {context}")


@pytest.mark.parametrize("screen", SCREENS)
def test_public_pages_in_the_states_theme(new_page, screen, server_url, live_reference_data, dsfr, browser_log):
    from recours.rights.services import rights_load

    rights_load()
    page = new_page(**SCREENS[screen])
    urls = watch_requests(page)

    page.goto(server_url + "/")
    expect(page.locator(".fr-header .fr-logo")).to_be_visible()
    check(page, f"home, {screen}")
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert font.startswith('"Marianne"') or font.startswith("Marianne"), font

    page.goto(server_url + "/formulaire/")
    check(page, f"report form's start, {screen}")
    page.goto(server_url + "/suivi/")
    check(page, f"follow-up's receipt form, {screen}")
    page.goto(server_url + "/droits/logement-refuse-a-cause-de-mon-handicap/")
    check(page, f"rights page, {screen}")

    assert_all_from(server_url, urls)
    assert any("/static/theme/dsfr/fonts/Marianne" in url for url in urls), "the Marianne font is served by the service"
    assert browser_log.outside_requests == []
    assert browser_log.page_errors == []


@pytest.mark.parametrize("screen", SCREENS)
def test_a_report_and_its_follow_up_in_the_states_theme(new_page, screen, server_url, live_reference_data, dsfr, browser_log):
    page = new_page(**SCREENS[screen])
    urls = watch_requests(page)
    page.goto(server_url + "/formulaire/")
    answer_all_steps(page)
    check(page, f"report form's review, {screen}")
    receipt = send_and_read_receipt(page)
    check(page, f"receipt, {screen}")
    open_followup(page, server_url, receipt)
    check(page, f"follow-up, {screen}")
    assert_all_from(server_url, urls)
    assert browser_log.page_errors == []


@pytest.mark.parametrize("screen", SCREENS)
def test_the_console_in_the_states_theme(new_page, screen, server_url, live_reference_data, teams, make_staff, dsfr, browser_log):
    adviser, _device = make_staff("camille", teams["nantes"])
    page = staff_page(new_page, adviser, server_url, **SCREENS[screen])
    urls = watch_requests(page)
    page.goto(server_url + "/console/")
    check(page, f"console home, {screen}")
    page.goto(server_url + "/console/dossiers/")
    check(page, f"console queue, {screen}")
    assert_all_from(server_url, urls)


@pytest.mark.parametrize("theme", ["default", "dsfr"])
@pytest.mark.parametrize("screen", SCREENS)
def test_the_gallery_passes_axe_in_both_themes(new_page, screen, theme, server_url, settings, browser_log):
    settings.DEBUG = True
    page = new_page(**SCREENS[screen])
    urls = watch_requests(page)
    page.goto(f"{server_url}/_composants/?theme={theme}")
    expect(page.locator("#gallery-themes [aria-current='page']")).to_have_text("DSFR (État)" if theme == "dsfr" else "par défaut")
    if theme == "dsfr":
        expect(page.locator(".fr-btn").first).to_be_visible()
    check(page, f"gallery, {theme} theme, {screen}")
    assert_all_from(server_url, urls)


def test_a_local_entry_keeps_the_states_colours(page, server_url, live_reference_data, teams, dsfr, browser_log):
    """A local entry's own colours apply in the default theme only: the State's identity is fixed."""
    from recours.accounts.models import LocalEntry

    LocalEntry.objects.create(team=teams["nantes"], slug="nantes", name="Nantes contre les discriminations",
                              colour_primary="#00594f", colour_accent="#a4161a")
    page.goto(server_url + "/l/nantes/")
    check(page, "local entry")
    primary = page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--colour-primary').trim()")
    assert primary == "#000091"
