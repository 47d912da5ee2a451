"""Every public entry to the chat (home, header, follow-up, the form's start and first step):
a plain link when the instance offers the chat, saying whether someone can answer now; nothing
when it does not."""

from html import unescape

import pytest

from recours.core.receipts import receipt_format

CHAT_LINK = 'id="chat-entry-link" class="button'
NAV_LINK = 'id="site-nav-chat" href="/tchat/"'


def _pages(client, make_case):
    """Each entry page's HTML: home, follow-up (login and case), the form's start and its first step."""
    _case, receipt = make_case()
    pages = {"home": client.get("/").content.decode(), "followup_login": client.get("/suivi/").content.decode(),
             "form_start": client.get("/formulaire/").content.decode()}
    client.post("/formulaire/", {"action": "start"})
    pages["form_first_step"] = client.get("/formulaire/").content.decode()
    client.post("/suivi/", {"action": "login", "receipt": receipt_format(receipt)})
    pages["followup"] = client.get("/suivi/").content.decode()
    return pages


def test_each_entry_page_links_to_the_chat_when_it_is_offered(client, make_case, chat_offered, always_open):
    for name, page in _pages(client, make_case).items():
        assert 'href="/tchat/"' in page and CHAT_LINK in page, name
        assert NAV_LINK in page, name  # the header's navigation
        assert "Discuter en direct, par écrit" in page, name


def test_no_page_offers_the_chat_when_it_is_not_offered(client, make_case, always_open):
    for name, page in _pages(client, make_case).items():
        assert "/tchat/" not in page and "chat-entry" not in page, name


def test_the_home_page_no_longer_asks_for_a_route_that_does_not_exist(client, chat_offered):
    page = client.get("/").content.decode()
    assert "discutez en direct avec une conseillère ou un conseiller" not in page  # the old dead text
    assert page.count('href="/tchat/"') == 2  # the header and the home page's entry


def test_with_the_national_team_online_the_home_page_says_someone_answers_now(client, chat_offered, always_open, national_adviser):
    page = client.get("/").content.decode()
    assert "Une conseillère ou un conseiller peut vous répondre maintenant." in page
    assert "Discuter maintenant avec une conseillère ou un conseiller" in page
    assert "(disponible maintenant)" in page


def test_with_only_a_local_adviser_online_the_home_page_asks_for_the_place(client, chat_offered, always_open, adviser):
    page = client.get("/").content.decode()
    assert "Indiquez votre code postal sur la page du tchat" in page
    assert "(en ligne selon votre lieu)" in page


def test_the_follow_up_page_answers_for_the_place_of_the_case(client, make_case, chat_offered, always_open, loire_atlantique_adviser):
    _case, receipt = make_case(postal_code="44000", commune="44109")  # Nantes: its city team is offline
    client.post("/suivi/", {"action": "login", "receipt": receipt_format(receipt)})
    page = client.get("/suivi/").content.decode()
    assert "Une conseillère ou un conseiller peut vous répondre maintenant." in page


def test_with_nobody_online_in_opening_hours_the_entries_say_so_and_give_no_next_opening(client, chat_offered, always_open, teams):
    page = unescape(client.get("/").content.decode())
    assert "Le tchat est ouvert, mais aucune conseillère ni aucun conseiller n'est en ligne en ce moment." in page
    assert "Prochaine ouverture" not in page
    assert "(personne en ligne)" in page


@pytest.mark.parametrize("path", ["/", "/formulaire/"])
def test_outside_hours_the_entries_give_the_real_hours_and_the_next_opening(client, chat_offered, settings, path):
    settings.RECOURS_CHAT_HOURS = "1-7 03:00-03:01"  # almost always closed, whenever the test runs
    page = client.get(path).content.decode()
    if "Le tchat est fermé" not in page:  # the one minute a day it is open
        pytest.skip("the test ran within the one open minute")
    assert "Prochaine ouverture : " in page and " à 03 h 00." in page
    assert "lundi : 03 h 00 à 03 h 01" in page and "dimanche : 03 h 00 à 03 h 01" in page


def test_the_entry_costs_the_same_queries_whatever_the_number_of_teams(client, chat_offered, always_open, teams):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from recours.accounts.models import TeamKind
    from recours.accounts.services import team_create

    def queries():
        with CaptureQueriesContext(connection) as captured:
            client.get("/")
        return len(captured)

    before = queries()
    for code in ("01", "02", "03", "04", "05", "06"):
        team_create(name=f"Équipe {code}", kind=TeamKind.DEPARTEMENT, departement_id=code)
    after = queries()
    assert after == before
