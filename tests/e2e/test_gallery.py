"""The component gallery (/_composants/): every component in each state passes axe.

The gallery is shown when DEBUG is on, or to staff; anyone else gets a 404.
"""

import re

import pytest
from django.conf import settings as django_settings
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible

GALLERY = "/_composants/"


def open_gallery(page, server_url):
    response = page.goto(server_url + GALLERY)
    assert response is not None and response.status == 200, f"{GALLERY} answered {response and response.status}"
    expect(page.locator("h1").first).to_be_visible()  # more than one: the gallery shows a legend as page heading


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


@pytest.mark.parametrize("fixture", ["page", "mobile_page", "nojs_page"])
def test_gallery_passes_axe_in_every_state(request, fixture, server_url, debug, browser_log):
    page = request.getfixturevalue(fixture)
    open_gallery(page, server_url)
    assert_accessible(page, context=f"gallery, {fixture}")

    if fixture != "nojs_page":
        # The states JavaScript adds: a character count gone over its limit.
        counted = page.locator('[data-module="char-count"]')
        for index in range(counted.count()):
            box = counted.nth(index)
            limit = int(box.get_attribute("data-maxlength"))
            page.locator("#" + box.get_attribute("data-for")).fill("x" * (limit + 20))
            expect(box).to_have_class(re.compile(r"\bchar-count--over\b"))
        assert_accessible(page, context=f"gallery, {fixture}, character counts over their limit")
    assert browser_log.page_errors == [] and browser_log.console_errors == []


def test_gallery_fits_a_phone_screen(mobile_page, server_url, debug):
    open_gallery(mobile_page, server_url)
    scroll_width, inner_width = mobile_page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll_width <= inner_width, f"horizontal scroll at 375 px: the gallery is {scroll_width} px wide"


def test_gallery_is_hidden_from_visitors_when_debug_is_off(page, server_url, settings):
    settings.DEBUG = False
    response = page.goto(server_url + GALLERY)
    assert response is not None and response.status == 404


def test_gallery_is_shown_to_staff_when_debug_is_off(page, server_url, settings, client, django_user_model):
    settings.DEBUG = False
    staff = django_user_model.objects.create_user(
        username="equipe", password="un mot de passe assez long", is_staff=True
    )
    client.force_login(staff)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": server_url}])
    open_gallery(page, server_url)
    assert_accessible(page, context="gallery, staff")
