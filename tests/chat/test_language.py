"""The chat in the visitor's language: its fixed texts, and the language shown to the adviser."""

from html.parser import HTMLParser

import pytest
from asgiref.sync import async_to_sync

from recours.chat import services
from recours.chat.models import Author, Conversation
from tests.chat.test_consumers import _connected, _until

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _reference_data(live_reference_data):
    """The database is emptied after each test here: reload the reference data."""


def test_the_chat_page_opens_its_socket_in_the_page_s_language(client):
    assert 'data-socket-path="/ws/tchat/?langue=ar"' in client.get("/ar/tchat/").content.decode()
    assert 'data-socket-path="/ws/tchat/?langue=fr"' in client.get("/tchat/").content.decode()


def test_a_visitor_on_the_english_page_reads_the_chat_s_texts_in_english(teams, always_open):
    async def run():
        socket = await _connected("/ws/tchat/?langue=en")
        await socket.send_json_to({"t": "start", "postal_code": "44000"})
        frame, _ = await _until(socket, "offline")
        await socket.disconnect()
        return frame

    frame = async_to_sync(run)()
    assert frame["message"] == "The chat is open, but no adviser is online at the moment."
    assert frame["form_url"] == "/en/formulaire/"


def test_the_conversation_keeps_the_visitor_s_language_and_the_adviser_sees_it(teams, adviser, always_open, console):
    async def run():
        socket = await _connected("/ws/tchat/?langue=ar")
        await socket.send_json_to({"t": "start", "postal_code": "44000"})
        await _until(socket, "started")
        await socket.disconnect()

    async_to_sync(run)()
    conversation = Conversation.objects.get()
    assert conversation.language == "ar"
    page = console.get(f"/console/tchat/{conversation.pk}/").content.decode()
    assert "Langue choisie : arabe" in page


def test_the_chat_s_fixed_messages_are_stored_in_the_visitor_s_language(teams, adviser, always_open):
    conversation, _token = services.conversation_start(postal_code="44000", language="en")
    services.conversation_accept(conversation=conversation, user=adviser)
    joined = conversation.messages.get(author=Author.SYSTEM)
    assert joined.body != "Un·e conseiller·ère a rejoint la conversation."
    assert "adviser" in joined.body.lower()


def test_an_unknown_language_is_the_default_one(teams, always_open):
    conversation, _token = services.conversation_start(postal_code="44000", language="xx")
    assert conversation.language == "fr"



class _Table(HTMLParser):
    """The header and the rows (conversation number, cell texts) of one table of a page."""

    def __init__(self, table_id: str):
        super().__init__(convert_charrefs=True)
        self.table_id, self.inside, self.header, self.rows, self.cell = table_id, False, [], {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.inside = attrs.get("id") == self.table_id
        elif self.inside and tag == "tr" and attrs.get("data-conversation"):
            self.row = self.rows.setdefault(int(attrs["data-conversation"]), [])
        elif self.inside and tag in ("th", "td"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "table":
            self.inside = False
        elif self.inside and tag in ("th", "td") and self.cell is not None:
            text = " ".join("".join(self.cell).split())
            (self.header if tag == "th" else self.row).append(text)
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def _language_cells(html: str, table_id: str) -> dict:
    """The "Langue" column of a chat queue table, by conversation number."""
    table = _Table(table_id)
    table.feed(html)
    column = table.header.index("Langue")
    return {number: cells[column] for number, cells in table.rows.items()}

def test_the_chat_queue_says_which_chats_are_not_in_french(teams, adviser, always_open, console):
    english, _token = services.conversation_start(postal_code="44000", language="en")
    french, _token = services.conversation_start(postal_code="44000", language="fr")
    page = console.get("/console/tchat/").content.decode()
    assert _language_cells(page, "chat-waiting") == {english.pk: "anglais", french.pk: ""}


def test_the_lists_reloaded_live_say_it_too_once_a_chat_is_taken(teams, adviser, always_open, console):
    arabic, _token = services.conversation_start(postal_code="44000", language="ar")
    services.conversation_accept(conversation=arabic, user=adviser)
    french, _token = services.conversation_start(postal_code="44000", language="fr")
    # What console.js puts in place of the lists when a "queue" frame says they changed.
    fragment = console.get("/console/tchat/?fragment=1").content.decode()
    assert _language_cells(fragment, "chat-active") == {arabic.pk: "arabe"}
    assert _language_cells(fragment, "chat-waiting") == {french.pk: ""}
