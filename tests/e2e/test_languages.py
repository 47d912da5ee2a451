"""The public pages in English and in Arabic, in a real browser, on a phone (375 px) and a desktop
(1280 px): axe finds no serious or critical violation, nothing overflows sideways, and in
Arabic the layout runs right to left: the report form's choices and buttons, and the focus order
through them, are mirrored."""

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible
from tests.e2e.helpers import DESKTOP, MOBILE

VIEWPORTS = ["mobile_page", "page"]
LANGUAGES = ["en", "ar"]


@pytest.fixture
def rights(live_reference_data):
    from recours.rights.services import rights_load

    rights_load()


def visit(page, url: str):
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    expect(page.locator("h1").first).to_be_visible()
    no_overflow(page)


def no_overflow(page):
    scroll_width, inner_width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll_width <= inner_width, f"{page.url}: {scroll_width} px wide in a {inner_width} px window"


def submit(page, value: str):
    """A button of the report form by its value (the same in every language), and the page it leads to."""
    page.wait_for_load_state("domcontentloaded")
    with page.expect_navigation():
        page.locator(f'button[name="action"][value="{value}"]').click()
    no_overflow(page)


def boxes(page, selector: str) -> list[dict]:
    return page.locator(selector).evaluate_all("(els) => els.map((e) => e.getBoundingClientRect().toJSON())")


def focus_path(page, selectors: list[str]) -> list[float]:
    """Tab from the first element to the last: the horizontal centre of each element focused."""
    page.locator(selectors[0]).focus()
    centres = []
    for n, selector in enumerate(selectors):
        if n:
            page.keyboard.press("Tab")
        expect(page.locator(selector)).to_be_focused()
        box = page.locator(selector).bounding_box()
        centres.append(box["x"] + box["width"] / 2)
    return centres


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_public_pages_are_accessible_in_every_language(request, viewport, language, server_url, rights):
    page = request.getfixturevalue(viewport)
    direction = "rtl" if language == "ar" else "ltr"
    for path in ("/", "/formulaire/", "/droits/", "/droits/logement-refuse-a-cause-de-mon-nom/", "/suivi/", "/aide/"):
        visit(page, f"{server_url}/{language}{path}")
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator("html")).to_have_attribute("dir", direction)
        assert_accessible(page, context=f"{language}{path}, {viewport}")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_switcher_leads_to_the_same_page_in_another_language(request, viewport, server_url, rights):
    page = request.getfixturevalue(viewport)
    visit(page, server_url + "/droits/")
    with page.expect_navigation():
        page.locator(".language-switcher a[hreflang=en]").click()
    assert page.url == server_url + "/en/droits/"
    expect(page.locator("h1")).to_have_text("Know my rights")
    with page.expect_navigation():
        page.locator(".language-switcher a[hreflang=ar]").click()
    assert page.url == server_url + "/ar/droits/"
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert page.context.cookies() == []  # the language is in the address, never in a cookie


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_report_form_is_mirrored_in_arabic(new_page, viewport, server_url, live_reference_data):
    layouts = {}
    for language in LANGUAGES:
        page = new_page(**(MOBILE if viewport == "mobile_page" else DESKTOP))  # a browser of its own
        visit(page, f"{server_url}/{language}/formulaire/")
        submit(page, "start")  # the first step: who are you? (radios, then the buttons)
        expect(page.locator(".choice").first).to_be_visible()
        assert_accessible(page, context=f"report form, role step, {language}, {viewport}")
        radio = boxes(page, ".choice input[type=radio]")[0]
        label = boxes(page, ".choice .choice__label")[0]
        main = page.locator("main").bounding_box()
        # The switcher's links, tabbed through in the page's order.
        links = [f".language-switcher li:nth-child({n}) a" for n in (1, 2, 3)]
        layouts[language] = {
            "radio_before_label": radio["x"] < label["x"],
            "radio_near_start": (radio["x"] - main["x"]) < (main["x"] + main["width"] - radio["x"] - radio["width"]),
            "switcher_focus": focus_path(page, links),
        }

    english, arabic = layouts["en"], layouts["ar"]
    assert english["radio_before_label"] and not arabic["radio_before_label"]  # the box on the right in Arabic
    assert english["radio_near_start"] and not arabic["radio_near_start"]
    assert english["switcher_focus"] == sorted(english["switcher_focus"])  # left to right
    assert arabic["switcher_focus"] == sorted(arabic["switcher_focus"], reverse=True)  # right to left


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_report_form_speaks_english(request, viewport, server_url, live_reference_data):
    page = request.getfixturevalue(viewport)
    visit(page, f"{server_url}/en/formulaire/")
    submit(page, "start")
    page.get_by_label("I am the person concerned").check()
    submit(page, "next")
    page.get_by_label("Tell us what happened, in your own words").fill("The agency refused the viewing when I gave my name.")
    submit(page, "next")
    expect(page.locator("main")).to_contain_text("Where did it happen?")
