"""The theme in a real browser (Debian's chromium): axe on the gallery, quick exit, error summary, counter."""


import pytest
from playwright.sync_api import expect

from recours.core.instance import instance_get
from tests.e2e.axe import assert_accessible

NEUTRAL = "https://neutre.example.org/"


@pytest.fixture
def browser_page(new_page, server_url, settings):
    """A 375 px wide page on the live server (the harness answers the neutral site locally)."""
    settings.DEBUG = True  # the gallery is open in development
    instance = instance_get()
    instance.neutral_site_url = NEUTRAL
    instance.save()
    page = new_page(viewport={"width": 375, "height": 800})
    page.base = server_url
    return page


def test_nothing_scrolls_sideways_at_375_px(browser_page):
    for path in ("/", "/_composants/", "/donnees-personnelles/"):
        browser_page.goto(browser_page.base + path)
        assert browser_page.evaluate("document.documentElement.scrollWidth") <= 375, path


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("path", ["/_composants/", "/", "/donnees-personnelles/"])
def test_the_gallery_and_public_pages_have_no_accessibility_violation(browser_page, path, width):
    browser_page.set_viewport_size({"width": width, "height": 800})
    browser_page.goto(browser_page.base + path)
    assert_accessible(browser_page, context=f"{path} at {width} px")


def test_the_quick_exit_button_clears_storage_ends_the_session_and_replaces_the_page(browser_page):
    beacons = []
    browser_page.on("request", lambda request: beacons.append(request) if "/sortie/" in request.url else None)
    browser_page.goto(browser_page.base + "/")
    browser_page.evaluate("localStorage.setItem('brouillon', 'x'); sessionStorage.setItem('brouillon', 'x')")
    browser_page.click("[data-module=quick-exit]")
    browser_page.wait_for_url(NEUTRAL)
    assert [b.method for b in beacons] == ["POST"]
    browser_page.go_back()
    assert not browser_page.url.startswith(browser_page.base)  # the page left no history entry
    browser_page.goto(browser_page.base + "/mentions-legales/")
    assert browser_page.evaluate("localStorage.length") == 0


def test_pressing_shift_three_times_leaves(browser_page):
    browser_page.goto(browser_page.base + "/")
    browser_page.wait_for_selector("#quick-exit-hint:not([hidden])", state="attached")  # the quick exit script listens
    for _ in range(3):
        browser_page.keyboard.press("Shift")
    browser_page.wait_for_url(NEUTRAL)


def test_shift_then_another_key_does_not_leave(browser_page):
    browser_page.goto(browser_page.base + "/")
    browser_page.wait_for_selector("#quick-exit-hint:not([hidden])", state="attached")  # the quick exit script listens
    browser_page.keyboard.press("Shift")
    browser_page.keyboard.press("Shift")
    browser_page.keyboard.press("a")
    browser_page.keyboard.press("Shift")
    # The key handlers ran with each press: had they left, the page would be blank and marked.
    assert browser_page.url.startswith(browser_page.base)
    assert browser_page.evaluate("sessionStorage.getItem('recours-exit')") is None
    assert browser_page.title() != ""
    # The count started again at the last Shift: two more make three, and the page leaves.
    browser_page.keyboard.press("Shift")
    browser_page.keyboard.press("Shift")
    browser_page.wait_for_url(NEUTRAL)


def test_the_shift_hint_shows_when_javascript_runs(browser_page):
    browser_page.set_viewport_size({"width": 1280, "height": 800})
    browser_page.goto(browser_page.base + "/")
    assert browser_page.is_visible("#quick-exit-hint")
    assert browser_page.get_attribute("[data-module=quick-exit]", "aria-describedby") == "quick-exit-hint"


def test_the_error_summary_takes_the_focus_and_its_links_focus_the_fields(browser_page):
    browser_page.goto(browser_page.base + "/_composants/")
    assert browser_page.evaluate("document.activeElement.dataset.module") == "error-summary"
    browser_page.click(".error-summary a[href='#id_err-role_0']")
    assert browser_page.evaluate("document.activeElement.id") == "id_err-role_0"
    browser_page.click(".error-summary a[href='#id_err-postal_code']")
    assert browser_page.evaluate("document.activeElement.id") == "id_err-postal_code"


def test_the_character_count_follows_the_typing(browser_page):
    browser_page.goto(browser_page.base + "/_composants/")
    browser_page.fill("#id_ok-narrative", "x" * 499)
    counter = browser_page.locator("[data-for=id_ok-narrative] .char-count__visible")
    assert counter.inner_text() == "Il vous reste 1 caractère"
    browser_page.fill("#id_ok-narrative", "x" * 1502)
    assert counter.inner_text() == "Vous avez dépassé la limite de 1\u202f002 caractères"
    # Screen readers hear the count once the typing pauses: wait for the live region to say it.
    expect(browser_page.locator("[data-for=id_ok-narrative] .char-count__live")).to_have_text(counter.inner_text())
