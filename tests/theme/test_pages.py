"""The public pages of the theme: home and legal pages."""

import pytest

from recours.core.instance import instance_get
from tests.theme.helpers import parse

THEME_PAGES = ["/", "/mentions-legales/", "/donnees-personnelles/", "/accessibilite/"]
INTAKE_PAGES = ["/formulaire/", "/suivi/"]


def test_the_home_page_sets_no_cookie(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert not response.cookies
    assert not response.has_header("Set-Cookie")


def test_the_home_page_sets_no_cookie_even_with_every_contact_set(client, db):
    instance = instance_get()
    instance.phone, instance.chat_enabled, instance.contact_email = "01 23 45 67 89", True, "contact@example.org"
    instance.save()
    assert not client.get("/").cookies


@pytest.mark.parametrize("url", THEME_PAGES)
def test_the_legal_pages_set_no_cookie(client, db, url):
    assert not client.get(url).cookies


@pytest.mark.parametrize("url", THEME_PAGES + INTAKE_PAGES)
def test_every_public_page_has_the_quick_exit_link_to_the_neutral_site(client, db, url):
    instance = instance_get()
    instance.neutral_site_url = "https://www.example.org/meteo"
    instance.save()
    page = parse(client.get(url).content.decode())
    links = page.find_all("a", data_module="quick-exit")
    assert len(links) == 1
    assert links[0]["href"] == "https://www.example.org/meteo"
    assert links[0]["rel"] == "noreferrer noopener"


def test_the_quick_exit_knows_where_to_end_the_session(client, db):
    link = parse(client.get("/").content.decode()).find_all("a", data_module="quick-exit")[0]
    assert link["data-exit-url"] == "/sortie/"


def test_the_shift_hint_is_hidden_until_javascript_runs(client, db):
    hint = parse(client.get("/").content.decode()).by_id("quick-exit-hint")
    assert "hidden" in hint


@pytest.mark.parametrize("url", THEME_PAGES)
def test_every_page_shows_the_danger_numbers(client, db, url):
    text = parse(client.get(url).content.decode()).plain_text
    assert (
        "En cas de danger immédiat : 17 (police) ou 112, 114 par SMS pour les personnes sourdes ou malentendantes"
        in text
    )


def test_every_page_has_a_skip_link_to_the_main_content(client, db):
    page = parse(client.get("/").content.decode())
    assert page.find_all("a", href="#contenu")
    assert page.by_id("contenu")["tabindex"] == "-1"
    assert page.find_all("html", lang="fr")


def test_the_page_title_ends_with_the_instance_name(client, db):
    instance = instance_get()
    instance.name = "Égalité Nantes"
    instance.save()
    assert "<title>Mentions légales – Égalité Nantes</title>" in client.get("/mentions-legales/").content.decode()


def test_the_home_page_leads_to_the_report_form_and_the_follow_up(client, db):
    page = parse(client.get("/").content.decode())
    hrefs = {a.get("href") for a in page.find_all("a")}
    assert {"/formulaire/", "/suivi/"} <= hrefs
    assert "Signaler une situation" in page.plain_text


def test_the_home_page_shows_the_phone_and_hours_only_when_set(client, db):
    assert "Par téléphone" not in client.get("/").content.decode()
    instance = instance_get()
    instance.phone, instance.phone_hours = "01 23 45 67 89", "du lundi au vendredi, de 9 h à 17 h"
    instance.save()
    page = client.get("/").content.decode()
    assert 'href="tel:0123456789"' in page
    assert "du lundi au vendredi, de 9 h à 17 h" in page


def test_the_home_page_offers_the_chat_only_when_enabled(client, db):
    assert "/tchat/" not in client.get("/").content.decode()
    instance = instance_get()
    instance.chat_enabled = True
    instance.save()
    page = client.get("/").content.decode()
    assert 'id="chat-entry-link"' in page and 'href="/tchat/"' in page  # tests/chat/test_entries.py for the rest


def test_the_current_page_is_marked_in_the_navigation(client, db):
    page = parse(client.get("/").content.decode())
    current = [a for a in page.find_all("a") if a.get("aria-current") == "page"]
    assert [a["href"] for a in current] == ["/"]


@pytest.mark.parametrize(
    "url, expected",
    [
        ("/mentions-legales/", "Éditeur du service"),
        ("/donnees-personnelles/", "Commission nationale de l'informatique et des libertés (CNIL)"),
        ("/accessibilite/", "Défenseur des droits"),
    ],
)
def test_a_legal_page_has_a_default_text_until_the_operator_writes_one(client, db, url, expected):
    assert expected in parse(client.get(url).content.decode()).plain_text


def test_the_default_privacy_notice_names_the_operator_as_controller(client, db):
    instance = instance_get()
    instance.operator = "Ville de Nantes"
    instance.save()
    text = parse(client.get("/donnees-personnelles/").content.decode()).plain_text
    assert "Ville de Nantes, qui fait fonctionner le service" in text
    assert "responsable du traitement" in text


def test_the_operator_text_replaces_the_default_as_escaped_paragraphs(client, db):
    instance = instance_get()
    instance.legal_notice = "Éditeur : la Ville.\n\nHébergeur : <script>alert(1)</script>"
    instance.save()
    page = client.get("/mentions-legales/").content.decode()
    assert "<p>Éditeur : la Ville.</p>" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Éditeur du service" not in page
