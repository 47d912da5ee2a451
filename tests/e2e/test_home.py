"""The home page in a real browser: phone layout, accessibility, no cookie, quick exit."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible

QUICK_EXIT = 'a[data-module="quick-exit"]'


def open_home(page, server_url) -> str:
    """Load the home page; returns the text of its <h1>."""
    response = page.goto(server_url + "/")
    assert response is not None and response.status == 200
    heading = page.locator("h1").first
    expect(heading).to_be_visible()
    text = heading.inner_text().strip()
    assert text
    return text


def assert_on_neutral_site(page, server_url):
    expect(page).to_have_title("Site neutre")
    assert urlsplit(page.url).netloc != urlsplit(server_url).netloc, page.url


def test_home_on_a_phone_fits_the_screen_is_accessible_and_sets_no_cookie(mobile_page, server_url, browser_log):
    page = mobile_page
    open_home(page, server_url)
    # 375 and not 980: the page declares a responsive viewport.
    assert page.evaluate("() => window.innerWidth") == 375
    scroll_width, inner_width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll_width <= inner_width, f"horizontal scroll at 375 px: the page is {scroll_width} px wide"
    assert_accessible(page, context="home, 375 px")
    assert page.context.cookies() == []
    assert browser_log.page_errors == [] and browser_log.console_errors == []


@pytest.mark.parametrize("fixture", ["page", "nojs_page"])
def test_home_is_accessible_on_a_desktop_with_and_without_javascript(request, fixture, server_url):
    page = request.getfixturevalue(fixture)
    open_home(page, server_url)
    assert_accessible(page, context=f"home, {fixture}")
    assert page.context.cookies() == []


def test_quick_exit_replaces_the_home_page_by_the_neutral_site(page, server_url, browser_log):
    heading = open_home(page, server_url)
    link = page.locator(QUICK_EXIT)
    expect(link).to_have_text("Quitter rapidement")
    link.click()
    assert_on_neutral_site(page, server_url)
    assert browser_log.outside_requests, "the quick exit did not leave for another site"

    # location.replace(): the home page's entry is gone, Back does not bring it back.
    page.go_back()
    assert urlsplit(page.url).netloc != urlsplit(server_url).netloc, page.url
    expect(page.get_by_text(heading)).to_have_count(0)


def test_pressing_shift_three_times_leaves_the_home_page(page, server_url):
    open_home(page, server_url)
    page.wait_for_selector("#quick-exit-hint:not([hidden])", state="attached")  # the quick exit script listens
    for _ in range(3):
        page.keyboard.press("Shift")
    assert_on_neutral_site(page, server_url)


def test_quick_exit_without_javascript_is_a_plain_link_to_another_site(nojs_page, server_url):
    page = nojs_page
    open_home(page, server_url)
    link = page.locator(QUICK_EXIT)
    expect(link).to_have_text("Quitter rapidement")
    href = link.get_attribute("href")
    assert urlsplit(href).scheme == "https" and urlsplit(href).netloc != urlsplit(server_url).netloc, href
    assert {"noreferrer", "noopener"} <= set((link.get_attribute("rel") or "").split())
    link.click()
    assert_on_neutral_site(page, server_url)


def test_the_chat_entry_on_the_home_page_fits_a_phone_and_is_accessible(mobile_page, server_url, db):
    from recours.core.instance import instance_get

    instance = instance_get()
    instance.chat_enabled = True
    instance.save()
    page = mobile_page
    open_home(page, server_url)
    expect(page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Tchat")).to_be_visible()
    page.locator("#chat-entry-title").scroll_into_view_if_needed()
    page.get_by_text("Horaires du tchat").click()  # the hours, opened
    expect(page.locator(".chat-entry__hours li").first).to_be_visible()
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll_width <= 375, f"horizontal scroll at 375 px: the page is {scroll_width} px wide"
    assert_accessible(page, context="home with the chat's entry, 375 px")
    assert page.context.cookies() == []
    page.locator("#chat-entry-link").click()
    expect(page).to_have_url(server_url + "/tchat/")
