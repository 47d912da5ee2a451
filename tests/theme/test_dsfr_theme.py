"""The State theme (RECOURS_THEME=dsfr): off by default, the same pages through the DSFR's
components, self-hosted assets only, the same Content-Security-Policy."""

import re
from pathlib import Path

import pytest
from django.core.checks import run_checks

from recours.core.instance import instance_get
from tests.theme.helpers import parse

DSFR_STATIC = Path(__file__).resolve().parents[2] / "recours" / "theme" / "static" / "theme" / "dsfr"
PUBLIC_PAGES = ["/", "/mentions-legales/", "/donnees-personnelles/", "/accessibilite/", "/formulaire/", "/suivi/", "/droits/"]


@pytest.fixture
def dsfr(settings):
    settings.RECOURS_THEME = "dsfr"


def stylesheets(client, url="/"):
    return [link["href"] for link in parse(client.get(url).content.decode()).find_all("link", rel="stylesheet")]


def main_of(html: str) -> str:
    return re.search(r"<main .*?</main>", html, re.S).group(0)


def test_the_default_theme_is_not_the_states(settings, client, db):
    from recours import settings as project_settings

    assert project_settings.RECOURS_THEME == "default"
    assert not any("dsfr" in href for href in stylesheets(client))
    assert "République<br>Française" not in client.get("/").content.decode()


def test_the_dsfr_theme_loads_the_states_stylesheet_then_its_bridge_last(client, db, dsfr):
    hrefs = stylesheets(client)
    assert hrefs[0] == "/static/theme/dsfr/dsfr.min.css"
    assert hrefs[-1] == "/static/theme/dsfr-theme.css"  # after the instance's colours: the State's palette wins
    assert any(href.startswith("/theme/instance.css") for href in hrefs)


def test_the_dsfr_theme_shows_the_states_block_in_header_and_footer(client, db, dsfr):
    instance = instance_get()
    page = parse(client.get("/").content.decode())
    classes = " ".join(element.get("class", "") for _, element in page.elements)
    for dsfr_class in ("fr-header", "fr-logo", "fr-header__service-title", "fr-footer", "fr-footer__bottom-list"):
        assert dsfr_class in classes, dsfr_class
    assert instance.name in page.plain_text
    assert "En cas de danger immédiat" in page.plain_text


@pytest.mark.parametrize("url", ["/", "/accessibilite/", "/droits/"])
def test_pages_keep_their_content_in_the_dsfr_theme(client, db, settings, url):
    """Only components change: what a page writes itself is the same in both themes."""
    default_main = main_of(client.get(url).content.decode())
    settings.RECOURS_THEME = "dsfr"
    dsfr_main = main_of(client.get(url).content.decode())
    strip_components = re.compile(r'class="[^"]*"')
    assert strip_components.sub("", default_main) == strip_components.sub("", dsfr_main)


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_dsfr_pages_have_nothing_inline_and_nothing_from_another_host(client, db, dsfr, url):
    page = parse(client.get(url).content.decode())
    assert page.inline_problems == []
    for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src")):
        for element in page.find_all(tag):
            assert element[attribute].startswith(("/", "data:")), element


@pytest.mark.parametrize("url", ["/", "/formulaire/", "/suivi/"])
def test_the_csp_header_is_the_same_in_both_themes(client, db, settings, url):
    default_policy = client.get(url)["Content-Security-Policy"]
    settings.RECOURS_THEME = "dsfr"
    assert client.get(url)["Content-Security-Policy"] == default_policy
    assert "unsafe-inline" not in default_policy


def test_every_file_the_vendored_stylesheet_names_is_vendored_and_local():
    css = (DSFR_STATIC / "dsfr.min.css").read_text(encoding="utf-8")
    urls = set(re.findall(r"url\(([^)]+)\)", css))
    external = [url for url in urls if re.match(r"""["']?(https?:)?//""", url)]
    assert external == []
    files = [url for url in urls if not url.strip("\"'").startswith("data:")]
    assert files and all((DSFR_STATIC / url).is_file() for url in files), [u for u in files if not (DSFR_STATIC / u).is_file()]
    assert any(url.startswith("fonts/Marianne") for url in files)


def test_the_vendored_dsfr_keeps_its_licence_and_says_its_version():
    assert "Etalab" in (DSFR_STATIC / "LICENSE.md").read_text(encoding="utf-8")
    version = (DSFR_STATIC / "VERSION").read_text(encoding="utf-8").strip()
    readme = (DSFR_STATIC / "README.md").read_text(encoding="utf-8")
    assert version in readme and "scripts/vendor_dsfr.sh" in readme


def test_the_gallery_switches_theme_in_development(client, db, settings):
    settings.DEBUG = True
    default = client.get("/_composants/").content.decode()
    dsfr = client.get("/_composants/?theme=dsfr").content.decode()
    assert "fr-btn" not in default and "fr-alert" not in default
    assert "fr-btn" in dsfr and "fr-alert" in dsfr and "/static/theme/dsfr/dsfr.min.css" in dsfr
    assert 'href="?theme=dsfr" aria-current="page"' in dsfr


def test_the_gallery_ignores_the_switch_in_production(admin_client):
    page = admin_client.get("/_composants/?theme=dsfr").content.decode()
    assert "fr-btn" not in page and 'id="gallery-themes"' not in page


def test_the_switch_does_not_leak_into_the_next_page(client, db, settings):
    settings.DEBUG = True
    client.get("/_composants/?theme=dsfr")
    assert "fr-header" not in client.get("/").content.decode()


def test_an_unknown_theme_fails_the_checks(settings):
    settings.RECOURS_THEME = "marianne-ou-presque"
    assert "theme.E001" in [message.id for message in run_checks()]


def test_the_admin_says_the_dsfr_is_reserved_to_state_services(admin_client):
    instance = instance_get()
    page = admin_client.get(f"/gestion/admin/core/instancesettings/{instance.pk}/change/").content.decode()
    assert "est réservé aux sites des services de l'État" in page
    assert "RECOURS_THEME" in page
    assert "par défaut (recours)" in page  # the theme in service

