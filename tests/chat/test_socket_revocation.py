"""An adviser's socket ends with their right to the console: logout, idle timeout, deactivation, loss of team."""

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from django.conf import settings as django_settings
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone

from recours.accounts.middleware import LAST_ACTIVITY_KEY
from recours.accounts.models import Membership
from recours.asgi import application
from recours.chat import services
from recours.chat.models import Author, ChatMessage
from tests.accounts.helpers import log_in_verified
from tests.chat.ws import WebsocketCommunicator

pytestmark = pytest.mark.django_db(transaction=True)

ORIGIN = [(b"origin", b"http://testserver"), (b"host", b"testserver")]
CLOSED = "Votre session a pris fin : reconnectez-vous à la console pour reprendre."


@pytest.fixture(autouse=True)
def _reference_data(live_reference_data):
    """The database is emptied after each test here: reload taxonomies and two départements."""


def _session_key(client) -> str:
    return client.cookies[django_settings.SESSION_COOKIE_NAME].value


def _headers(client) -> list:
    cookie = f"{django_settings.SESSION_COOKIE_NAME}={_session_key(client)}"
    return [*ORIGIN, (b"cookie", cookie.encode())]


@pytest.fixture
def held(adviser):
    """A chat the adviser holds, with a visitor's token."""
    conversation, token = services.conversation_start(postal_code="44000")
    services.conversation_accept(conversation=conversation, user=adviser)
    return conversation


async def _watching(headers, conversation):
    socket = WebsocketCommunicator(application, "/ws/console/tchat/", headers=headers)
    connected, _code = await socket.connect()
    assert connected
    await socket.send_json_to({"t": "watch", "conv": conversation.pk, "after": 0})
    frame = await socket.receive_json_from()
    assert frame["t"] == "m"  # "a adviser joined": the socket works
    return socket


async def _until_closed(socket):
    """The frames sent up to the socket's close, and the close code."""
    frames = []
    while True:
        output = await socket.receive_output(timeout=5)
        if output["type"] == "websocket.close":
            return frames, output.get("code")
        import json

        frames.append(json.loads(output["text"]))


def _revoked(frames, code) -> bool:
    return code == 4401 and frames[-1] == {"t": "closed", "message": CLOSED}


def test_logging_out_closes_the_open_socket_at_once(client, adviser, held):
    log_in_verified(client, adviser)

    async def run():
        socket = await _watching(_headers(client), held)
        await database_sync_to_async(client.post)("/console/deconnexion/")
        return await _until_closed(socket)

    assert _revoked(*async_to_sync(run)())


def test_the_idle_timeout_closes_the_socket_at_the_next_frame(client, adviser, held):
    log_in_verified(client, adviser)
    key = _session_key(client)

    async def run():
        socket = await _watching(_headers(client), held)
        await database_sync_to_async(_idle_since_an_hour)(key)
        # The adviser's page goes on beating, or the adviser types: nothing passes any more.
        await socket.send_json_to({"t": "msg", "conv": held.pk, "cid": "late", "body": "Encore là ?"})
        return await _until_closed(socket)

    assert _revoked(*async_to_sync(run)())
    assert not ChatMessage.objects.filter(client_id="late").exists()


def _idle_since_an_hour(key):
    session = SessionStore(session_key=key)
    session[LAST_ACTIVITY_KEY] = int(timezone.now().timestamp()) - django_settings.RECOURS_STAFF_IDLE_SECONDS - 60
    session.save()


def test_the_idle_timeout_met_by_a_request_closes_the_socket_at_once(client, adviser, held):
    log_in_verified(client, adviser)
    key = _session_key(client)

    async def run():
        socket = await _watching(_headers(client), held)
        await database_sync_to_async(_idle_since_an_hour)(key)
        await database_sync_to_async(client.get)("/console/")  # the middleware logs the session out
        return await _until_closed(socket)

    assert _revoked(*async_to_sync(run)())


def test_deactivating_the_account_closes_its_sockets(client, adviser, held):
    log_in_verified(client, adviser)

    def deactivate():
        adviser.is_active = False
        adviser.save()

    async def run():
        socket = await _watching(_headers(client), held)
        await database_sync_to_async(deactivate)()
        return await _until_closed(socket)

    assert _revoked(*async_to_sync(run)())


def test_a_deactivation_made_behind_djangos_back_is_seen_at_the_next_frame(client, adviser, held):
    log_in_verified(client, adviser)

    def deactivate():  # no signal: a bulk update
        type(adviser).objects.filter(pk=adviser.pk).update(is_active=False)

    async def run():
        socket = await _watching(_headers(client), held)
        await database_sync_to_async(deactivate)()
        await socket.send_json_to({"t": "beat"})
        return await _until_closed(socket)

    assert _revoked(*async_to_sync(run)())


def test_losing_the_last_team_closes_the_socket(client, adviser, held):
    log_in_verified(client, adviser)

    async def run():
        socket = await _watching(_headers(client), held)
        await database_sync_to_async(lambda: Membership.objects.filter(user=adviser).delete())()
        return await _until_closed(socket)

    assert _revoked(*async_to_sync(run)())


def test_logging_out_elsewhere_leaves_the_other_sessions_socket_open(client, adviser, held, django_user_model):
    from django.test import Client

    log_in_verified(client, adviser)
    other = Client()
    log_in_verified(other, adviser)

    async def run():
        socket = await _watching(_headers(client), held)
        await database_sync_to_async(other.post)("/console/deconnexion/")
        await socket.send_json_to({"t": "msg", "conv": held.pk, "cid": "still", "body": "Je suis toujours là."})
        ack = await socket.receive_json_from()
        await socket.disconnect()
        return ack

    assert async_to_sync(run)()["t"] == "ack"
    assert ChatMessage.objects.filter(client_id="still", author=Author.ADVISER).exists()
