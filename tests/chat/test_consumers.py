"""The WebSocket side, through Channels' test communicator on the real ASGI application."""

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from tests.chat.ws import WebsocketCommunicator
from django.conf import settings as django_settings

from recours.asgi import application
from recours.chat import services
from recours.chat.models import Author, ChatMessage, Conversation
from tests.accounts.helpers import log_in_verified

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _reference_data(live_reference_data):
    """The database is emptied after each test here: reload taxonomies and two départements."""

ORIGIN = [(b"origin", b"http://testserver"), (b"host", b"testserver")]


def communicator(path="/ws/tchat/", headers=ORIGIN):
    return WebsocketCommunicator(application, path, headers=headers)


async def _connected(path="/ws/tchat/", headers=ORIGIN):
    socket = communicator(path, headers)
    connected, _code = await socket.connect()
    assert connected
    return socket


async def _until(socket, kind):
    """Frames up to the first of type `kind`: (that frame, the ones before)."""
    before = []
    while True:
        frame = await socket.receive_json_from(timeout=5)
        if frame["t"] == kind:
            return frame, before
        before.append(frame)


def test_a_socket_from_another_site_is_refused(teams):
    async def run():
        socket = communicator(headers=[(b"origin", b"https://evil.example"), (b"host", b"testserver")])
        connected, _code = await socket.connect()
        await socket.disconnect()
        return connected

    assert async_to_sync(run)() is False


def test_a_visitor_joins_the_queue_and_learns_the_wait(teams, adviser, always_open):
    async def run():
        socket = await _connected()
        await socket.send_json_to({"t": "start", "postal_code": "44000"})
        started, _ = await _until(socket, "started")
        state, _ = await _until(socket, "state")
        await socket.disconnect()
        return started, state

    started, state = async_to_sync(run)()
    assert state == {"t": "state", "status": "waiting", "wait_minutes": 5}
    assert Conversation.objects.get().team == teams["nantes"]
    assert started["token"]


def test_when_nobody_is_present_the_visitor_gets_the_hours_and_the_written_form(teams, always_open):
    async def run():
        socket = await _connected()
        await socket.send_json_to({"t": "start", "postal_code": "44000"})
        frame, _ = await _until(socket, "offline")
        await socket.disconnect()
        return frame

    frame = async_to_sync(run)()
    assert frame["message"] == "Le tchat est ouvert, mais aucune conseillère ni aucun conseiller n'est en ligne en ce moment."
    assert frame["form_url"] == "/formulaire/"
    assert frame["hours"][0].startswith("lundi : 00 h 00 à 23 h 59")
    assert not Conversation.objects.exists()


def test_outside_hours_the_visitor_is_told_the_chat_is_closed(teams, adviser, settings, monkeypatch):
    from recours.chat import hours

    settings.RECOURS_CHAT_HOURS = "1-5 09:00-18:00"
    monkeypatch.setattr(hours, "is_open", lambda slots, at: False)
    monkeypatch.setattr("recours.chat.selectors.is_open", lambda slots, at: False)

    async def run():
        socket = await _connected()
        await socket.send_json_to({"t": "start", "postal_code": "44000"})
        frame, _ = await _until(socket, "offline")
        await socket.disconnect()
        return frame

    frame = async_to_sync(run)()
    assert "fermé" in frame["message"]
    assert "lundi : 09 h 00 à 18 h 00" in frame["hours"]


def test_a_dropped_visitor_resumes_without_losing_nor_repeating_a_message(teams, adviser, always_open):
    conversation, token = services.conversation_start(postal_code="44000")
    services.conversation_accept(conversation=conversation, user=adviser)  # message 1 (system)

    async def run():
        socket = await _connected()
        await socket.send_json_to({"t": "resume", "token": token, "after": 0})
        await _until(socket, "state")
        await socket.send_json_to({"t": "msg", "cid": "v-1", "body": "Bonjour"})
        ack, _ = await _until(socket, "ack")
        await socket.disconnect()  # the connection drops; the adviser answers meanwhile
        return ack

    ack = async_to_sync(run)()
    assert ack["id"] == 2
    for n, body in enumerate(["Bonjour, je vous écoute.", "Vous êtes toujours là ?"]):
        services.message_post(conversation_id=conversation.pk, author=Author.ADVISER, body=body, client_id=f"a{n}", user=adviser)

    async def resume():
        socket = await _connected()
        await socket.send_json_to({"t": "resume", "token": token, "after": 2})
        # The visitor's page resends what it had not seen acknowledged: stored once.
        await socket.send_json_to({"t": "msg", "cid": "v-1", "body": "Bonjour"})
        frames = []
        ack, frames = await _until(socket, "ack")
        await socket.disconnect()
        return ack, [f for f in frames if f["t"] == "m"]

    ack, replayed = async_to_sync(resume)()
    assert [m["id"] for m in replayed] == [3, 4]
    assert [m["body"] for m in replayed] == ["Bonjour, je vous écoute.", "Vous êtes toujours là ?"]
    assert ack["id"] == 2
    assert ChatMessage.objects.filter(conversation=conversation, author=Author.VISITOR).count() == 1


def test_an_unknown_token_starts_afresh(teams):
    async def run():
        socket = await _connected()
        await socket.send_json_to({"t": "resume", "token": "pas-un-vrai-jeton", "after": 0})
        frame = await socket.receive_json_from(timeout=5)
        await socket.disconnect()
        return frame

    assert async_to_sync(run)() == {"t": "unknown"}


def test_a_flood_of_messages_is_refused_with_a_clear_message(teams, adviser, settings):
    settings.RECOURS_CHAT_RATE_MESSAGES = 3
    conversation, token = services.conversation_start(postal_code="44000")

    async def run():
        socket = await _connected()
        await socket.send_json_to({"t": "resume", "token": token, "after": 0})
        await _until(socket, "state")
        for n in range(4):
            await socket.send_json_to({"t": "msg", "cid": f"f{n}", "body": "vite"})
        refused, _ = await _until(socket, "refused")
        await socket.disconnect()
        return refused

    refused = async_to_sync(run)()
    assert refused["cid"] == "f3"
    assert refused["message"] == "Vous envoyez des messages trop vite. Attendez quelques secondes avant le suivant."
    assert ChatMessage.objects.filter(conversation=conversation).count() == 3


def test_an_oversized_frame_is_refused(teams):
    async def run():
        socket = await _connected()
        await socket.send_to(text_data="x" * (django_settings.RECOURS_CHAT_MESSAGE_MAX_CHARS * 3))
        frame = await socket.receive_json_from(timeout=5)
        await socket.disconnect()
        return frame

    assert "trop long" in async_to_sync(run)()["message"]


def _cookie_headers(client, user):
    log_in_verified(client, user)
    cookie = f"{django_settings.SESSION_COOKIE_NAME}={client.cookies[django_settings.SESSION_COOKIE_NAME].value}"
    return [*ORIGIN, (b"cookie", cookie.encode())]


def test_the_adviser_socket_needs_a_two_factor_session(client, teams, adviser):
    client.force_login(adviser)  # password only: no second factor in this session
    cookie = f"{django_settings.SESSION_COOKIE_NAME}={client.cookies[django_settings.SESSION_COOKIE_NAME].value}"

    async def run():
        socket = communicator("/ws/console/tchat/", [*ORIGIN, (b"cookie", cookie.encode())])
        connected, code = await socket.connect()
        await socket.disconnect()
        return connected, code

    connected, code = async_to_sync(run)()
    assert not connected and code == 4403


def test_the_visitor_and_the_adviser_talk(client, teams, adviser, always_open):
    conversation, token = services.conversation_start(postal_code="44000")
    services.conversation_accept(conversation=conversation, user=adviser)
    headers = _cookie_headers(client, adviser)

    async def run():
        staff = await _connected("/ws/console/tchat/", headers)
        await staff.send_json_to({"t": "watch", "conv": conversation.pk, "after": 0})
        await _until(staff, "m")  # the "adviser joined" line
        visitor = await _connected()
        await visitor.send_json_to({"t": "resume", "token": token, "after": 1})
        await _until(visitor, "state")
        await visitor.send_json_to({"t": "msg", "cid": "v1", "body": "Bonjour, j'ai besoin d'aide."})
        heard, _ = await _until(staff, "m")
        await visitor.send_json_to({"t": "typing"})
        await staff.send_json_to({"t": "typing", "conv": conversation.pk})
        typing, _ = await _until(visitor, "typing")
        await staff.send_json_to({"t": "msg", "conv": conversation.pk, "cid": "a1", "body": "Je vous écoute."})
        answer, _ = await _until(visitor, "m")
        await visitor.disconnect()
        await staff.disconnect()
        return heard, typing, answer

    heard, typing, answer = async_to_sync(run)()
    assert (heard["id"], heard["from"], heard["body"]) == (2, "visitor", "Bonjour, j'ai besoin d'aide.")
    assert typing["who"] == "adviser"
    assert (answer["id"], answer["from"], answer["body"]) == (3, "adviser", "Je vous écoute.")


def test_an_adviser_cannot_read_nor_write_in_another_teams_chat(client, teams, adviser, paris_adviser):
    conversation, _token = services.conversation_start(postal_code="44000")
    services.conversation_accept(conversation=conversation, user=adviser)
    headers = _cookie_headers(client, paris_adviser)

    async def run():
        staff = await _connected("/ws/console/tchat/", headers)
        await staff.send_json_to({"t": "watch", "conv": conversation.pk, "after": 0})
        refused = await staff.receive_json_from(timeout=5)
        await staff.send_json_to({"t": "msg", "conv": conversation.pk, "cid": "x", "body": "intrusion"})
        refused_again = await staff.receive_json_from(timeout=5)
        await staff.disconnect()
        return refused, refused_again

    refused, refused_again = async_to_sync(run)()
    assert refused["t"] == "error" and refused_again["t"] == "error"
    assert not ChatMessage.objects.filter(body__isnull=False, author=Author.ADVISER).exists()


def test_after_a_transfer_to_another_team_the_former_adviser_neither_receives_nor_writes(client, teams, adviser, always_open):
    conversation, token = services.conversation_start(postal_code="44000")
    services.conversation_accept(conversation=conversation, user=adviser)
    headers = _cookie_headers(client, adviser)

    async def run():
        staff = await _connected("/ws/console/tchat/", headers)
        await staff.send_json_to({"t": "watch", "conv": conversation.pk, "after": 0})
        await _until(staff, "m")
        await database_sync_to_async(transfer)()
        changed, _ = await _until(staff, "state")
        await staff.send_json_to({"t": "msg", "conv": conversation.pk, "cid": "late", "body": "Encore moi."})
        refused, _ = await _until(staff, "error")
        visitor = await _connected()
        await visitor.send_json_to({"t": "resume", "token": token, "after": 10})
        await _until(visitor, "state")
        await visitor.send_json_to({"t": "msg", "cid": "secret", "body": "Pour l'équipe de Paris seulement."})
        await _until(visitor, "ack")
        leaked = []
        while not await staff.receive_nothing(timeout=1):
            leaked.append(await staff.receive_json_from())
        await visitor.disconnect()
        await staff.disconnect()
        return changed, refused, leaked

    def transfer():  # the service itself tells the adviser's page (chat.notify)
        services.conversation_transfer(conversation=conversation, actor=adviser, to_team=teams["paris"])

    changed, refused, leaked = async_to_sync(run)()
    assert changed["t"] == "state"
    assert refused["message"] == "Vous ne tenez pas cette conversation."
    assert not ChatMessage.objects.filter(client_id="late").exists()
    assert not [frame for frame in leaked if frame.get("t") == "m"]


def test_a_message_whose_wake_up_was_dropped_arrives_at_the_next_sync(teams, adviser):
    conversation, token = services.conversation_start(postal_code="44000")
    services.conversation_accept(conversation=conversation, user=adviser)

    async def run():
        visitor = await _connected()
        await visitor.send_json_to({"t": "resume", "token": token, "after": 1})
        await _until(visitor, "state")
        # Stored without any wake-up, as when the channel layer drops one.
        await database_sync_to_async(services.message_post)(
            conversation_id=conversation.pk, author=Author.ADVISER, body="Vous m'entendez ?", client_id="a", user=adviser
        )
        nothing_yet = await visitor.receive_nothing(timeout=0.5)
        await visitor.send_json_to({"t": "sync"})
        frame = await visitor.receive_json_from()
        await visitor.disconnect()
        return nothing_yet, frame

    nothing_yet, frame = async_to_sync(run)()
    assert nothing_yet
    assert (frame["t"], frame["id"], frame["body"]) == ("m", 2, "Vous m'entendez ?")
