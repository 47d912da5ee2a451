"""A waiting chat is announced on every console page, and an adviser with any console page
open is present for the chat (not only on the chat's own page)."""

from html import unescape

import pytest

from recours.chat import services
from recours.chat.models import Presence
from recours.chat.selectors import chat_status

CONSOLE_PAGES = ["/console/", "/console/dossiers/", "/console/tchat/"]


@pytest.mark.parametrize("path", CONSOLE_PAGES)
def test_every_console_page_announces_a_waiting_chat_without_javascript(console, teams, path):
    services.conversation_start(postal_code="44000")
    services.conversation_start(postal_code="44000")
    page = unescape(console.get(path).content.decode())
    assert '<p id="chat-waiting-live" aria-live="polite" aria-atomic="true"><a href="/console/tchat/">2 conversations de tchat en attente</a></p>' in page
    assert "/static/chat/console_waiting.js" in page  # the heartbeat and the live count


def test_one_waiting_chat_is_said_in_the_singular(console, teams):
    services.conversation_start(postal_code="44000")
    assert "1 conversation de tchat en attente<" in console.get("/console/").content.decode()


def test_chats_waiting_in_another_team_are_not_announced(console, teams):
    services.conversation_start(postal_code="75011")  # Paris
    page = console.get("/console/").content.decode()
    assert '<p id="chat-waiting-live" aria-live="polite" aria-atomic="true"></p>' in page


def test_one_sound_toggle_for_the_console_off_until_the_adviser_turns_it_on(console, teams):
    page = console.get("/console/").content.decode()
    assert 'id="chat-waiting-sound"' not in page  # the chats ring through the notifications' toggle
    assert 'id="console-alerts-sound" class="button button--secondary button--small" aria-pressed="false" hidden' in page


def test_the_chat_page_says_presence_lasts_while_any_console_page_is_open(console, teams):
    page = unescape(console.get("/console/tchat/").content.decode())
    assert "Tant qu'une page de la console est ouverte, vous êtes en ligne pour le tchat." in page


def test_presence_ends_when_the_adviser_logs_out(console, adviser, teams, always_open):
    assert chat_status(commune_id="44109").available
    console.post("/console/deconnexion/")
    assert not Presence.objects.filter(user=adviser).exists()
    assert not chat_status(commune_id="44109").available
