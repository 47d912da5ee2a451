"""The language of a public page is its address's prefix, and nothing else."""

import pytest

from tests.theme.helpers import parse

pytestmark = pytest.mark.django_db


def html_element(response):
    text = response.content.decode()
    return text[text.index("<html"):text.index(">", text.index("<html")) + 1]


@pytest.mark.parametrize("url, lang, direction", [
    ("/", "fr", "ltr"), ("/en/", "en", "ltr"), ("/ar/", "ar", "rtl"),
    ("/en/formulaire/", "en", "ltr"), ("/ar/formulaire/", "ar", "rtl"), ("/en/droits/", "en", "ltr"),
    ("/en/suivi/", "en", "ltr"), ("/en/tchat/", "en", "ltr"), ("/en/aide/", "en", "ltr"),
    ("/en/observatoire/", "en", "ltr"), ("/en/facile/accueil/", "en", "ltr"), ("/ar/accessibilite/", "ar", "rtl"),
])
def test_the_page_says_its_language_and_direction(client, url, lang, direction):
    response = client.get(url)
    assert response.status_code == 200
    assert html_element(response) == f'<html lang="{lang}" dir="{direction}">'
    assert response["Content-Language"] == lang


def test_an_english_page_is_in_english(client):
    text = client.get("/en/").content.decode()
    assert "Have you suffered or witnessed discrimination? Tell us about it." in text and "Leave quickly" in text
    assert "Vous avez subi ou vu une discrimination" not in text and "Quitter rapidement" not in text


def test_the_browser_s_language_and_a_language_cookie_never_change_an_address(client):
    client.cookies["django_language"] = "en"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9,ar;q=0.8")
    assert response.status_code == 200  # no redirect to /en/
    assert html_element(response).startswith('<html lang="fr"')
    assert "Accept-Language" not in response.get("Vary", "")


def test_choosing_a_language_leaves_no_cookie(client):
    response = client.get("/en/")
    assert not response.cookies
    assert client.get("/ar/").cookies == {}


def test_the_switcher_links_the_same_page_in_every_language(client):
    page = parse(client.get("/en/droits/?q=logement").content.decode())
    links = {a["hreflang"]: a for a in page.find_all("a") if "language-switcher__link" in a.get("class", "")}
    assert links["fr"]["href"] == "/droits/?q=logement"
    assert links["en"]["href"] == "/en/droits/?q=logement" and links["en"]["aria-current"] == "true"
    assert links["ar"]["href"] == "/ar/droits/?q=logement"
    assert links["ar"]["lang"] == "ar" and links["ar"]["dir"] == "rtl"


def test_every_public_page_has_its_alternates(client):
    page = parse(client.get("/ar/formulaire/").content.decode())
    alternates = {link["hreflang"]: link["href"] for link in page.find_all("link") if link.get("rel") == "alternate"}
    assert alternates == {"fr": "/formulaire/", "en": "/en/formulaire/", "ar": "/ar/formulaire/"}


@pytest.mark.parametrize("url", ["/en/console/", "/ar/console/dossiers/", "/en/gestion/admin/", "/en/api/v1/openapi.json",
                                 "/en/console/tchat/", "/en/partenaires/"])
def test_the_console_the_api_and_the_admin_have_no_other_language(client, url):
    assert client.get(url).status_code == 404


def test_the_console_stays_french_and_has_no_switcher(console):
    response = console.get("/console/", HTTP_ACCEPT_LANGUAGE="en")
    assert html_element(response).startswith('<html lang="fr"')
    assert "language-switcher" not in response.content.decode()
    assert 'hreflang' not in response.content.decode()
