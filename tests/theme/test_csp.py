"""Pages obey the Content-Security-Policy: nothing inline, nothing from another host."""

import pytest

from tests.theme.helpers import parse

PAGES = ["/", "/mentions-legales/", "/donnees-personnelles/", "/accessibilite/", "/_composants/"]


@pytest.mark.parametrize("url", PAGES)
def test_no_page_has_inline_style_or_script(admin_client, url):
    page = parse(admin_client.get(url).content.decode())
    assert page.inline_problems == []


@pytest.mark.parametrize("url", PAGES)
def test_no_page_loads_anything_from_another_host(admin_client, url):
    page = parse(admin_client.get(url).content.decode())
    for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src")):
        for element in page.find_all(tag):
            assert element[attribute].startswith(("/", "data:")), element  # same origin or inline data


def test_scripts_are_deferred_static_files(client, db):
    """All but the quick exit's guard, which must run before the page is painted (base.html)."""
    scripts = parse(client.get("/").content.decode()).find_all("script")
    assert scripts and all(s["src"].startswith("/static/") for s in scripts)
    assert [s["src"] for s in scripts if "defer" not in s] == ["/static/theme/exit-guard.js"]


@pytest.mark.parametrize("url", ["/", "/accessibilite/"])
def test_the_csp_header_is_present_and_strict(client, db, url):
    policy = client.get(url)["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
