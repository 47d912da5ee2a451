"""People are told, before they start and next to the exit button, how to leave no trace."""

import pytest

from tests.theme.helpers import parse


def test_the_advice_page_explains_private_browsing_and_clearing_history(client, db):
    response = client.get("/effacer-mes-traces/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "navigation privée" in text and "Effacer les données de navigation" in text
    assert not response.cookies  # like the legal pages: no session, no cookie


def section(html: str, start: str, end: str) -> str:
    return html[html.index(start):html.index(end)]


@pytest.mark.parametrize("url", ["/", "/formulaire/", "/aide/", "/suivi/", "/effacer-mes-traces/"])
def test_the_exit_bar_links_the_advice_next_to_the_button(client, db, url):
    bar = parse(section(client.get(url).content.decode(), '<aside class="quick-exit-bar"', "</aside>"))
    assert [a["href"] for a in bar.find_all("a")][0] == "/effacer-mes-traces/"
    assert bar.find_all("a", data_module="quick-exit")
    assert "Effacer mes traces" in bar.plain_text


def test_the_form_start_page_gives_the_advice_before_anything_is_asked(client, db):
    main = parse(section(client.get("/formulaire/").content.decode(), "<main", "</main>"))
    assert "/effacer-mes-traces/" in [a["href"] for a in main.find_all("a")]
    assert "navigation privée" in main.plain_text
