"""Chat limits hold across connections: the flood limit per conversation and client, chats in the reports' budget."""

import pytest
from asgiref.sync import async_to_sync
from django.test import RequestFactory

from recours.asgi import application
from recours.casework.models import Case
from recours.chat import services
from recours.chat.models import Author, ChatMessage, Conversation
from recours.core import ratelimit
from tests.chat.ws import WebsocketCommunicator

pytestmark = pytest.mark.django_db(transaction=True)

ORIGIN = [(b"origin", b"http://testserver"), (b"host", b"testserver")]
TOO_FAST = "Vous envoyez des messages trop vite. Attendez quelques secondes avant le suivant."


@pytest.fixture(autouse=True)
def _reference_data(live_reference_data):
    """The database is emptied after each test here: reload taxonomies and two départements."""


@pytest.fixture
def long_windows(settings):
    """Windows of a day: a test never straddles two of them (no timing in the proof)."""
    settings.RECOURS_CHAT_RATE_SECONDS = 86400
    settings.RECOURS_REPORT_RATE_WINDOW = 86400


async def _socket(address="203.0.113.7"):
    socket = WebsocketCommunicator(application, "/ws/tchat/", headers=ORIGIN)
    socket.scope["client"] = (address, 40000)
    connected, _code = await socket.connect()
    assert connected
    return socket


async def _until(socket, *kinds):
    while True:
        frame = await socket.receive_json_from(timeout=5)
        if frame["t"] in kinds:
            return frame


def test_reconnecting_does_not_reset_the_flood_limit(teams, adviser, settings, long_windows):
    settings.RECOURS_CHAT_RATE_MESSAGES = 3
    conversation, token = services.conversation_start(postal_code="44000")

    async def run():
        answers = []
        for connection in range(3):
            socket = await _socket()
            await socket.send_json_to({"t": "resume", "token": token, "after": 0})
            await _until(socket, "state")
            for n in range(2):
                await socket.send_json_to({"t": "msg", "cid": f"c{connection}-{n}", "body": "vite"})
                answers.append(await _until(socket, "ack", "refused"))
            await socket.disconnect()
        return answers

    answers = async_to_sync(run)()
    assert [a["t"] for a in answers] == ["ack", "ack", "ack", "refused", "refused", "refused"]
    assert answers[-1]["message"] == TOO_FAST
    assert ChatMessage.objects.filter(conversation=conversation, author=Author.VISITOR).count() == 3


def test_a_resent_message_is_acknowledged_even_over_the_limit(teams, adviser, settings, long_windows):
    settings.RECOURS_CHAT_RATE_MESSAGES = 1
    conversation, token = services.conversation_start(postal_code="44000")

    async def run():
        socket = await _socket()
        await socket.send_json_to({"t": "resume", "token": token, "after": 0})
        await _until(socket, "state")
        await socket.send_json_to({"t": "msg", "cid": "once", "body": "Bonjour"})
        first = await _until(socket, "ack", "refused")
        await socket.send_json_to({"t": "msg", "cid": "once", "body": "Bonjour"})  # the outbox after a cut
        again = await _until(socket, "ack", "refused")
        await socket.disconnect()
        return first, again

    first, again = async_to_sync(run)()
    assert (first["t"], again["t"], again["id"]) == ("ack", "ack", first["id"])


def test_one_client_cannot_flood_through_many_conversations(teams, adviser, settings, long_windows):
    settings.RECOURS_CHAT_RATE_MESSAGES = 10
    settings.RECOURS_CHAT_RATE_MESSAGES_PER_CLIENT = 4
    tokens = [services.conversation_start(postal_code="44000")[1] for _ in range(3)]

    async def run():
        answers = []
        for token in tokens:
            socket = await _socket()
            await socket.send_json_to({"t": "resume", "token": token, "after": 0})
            await _until(socket, "state")
            for n in range(2):
                await socket.send_json_to({"t": "msg", "cid": f"m{n}", "body": "vite"})
                answers.append((await _until(socket, "ack", "refused"))["t"])
            await socket.disconnect()
        return answers

    assert async_to_sync(run)() == ["ack"] * 4 + ["refused"] * 2


def test_chats_beyond_the_clients_report_budget_are_refused_before_anything_is_typed(teams, adviser, settings,
                                                                                       always_open, long_windows):
    settings.RECOURS_REPORT_RATE_PER_CLIENT = 2

    async def run():
        frames = []
        for _ in range(3):
            socket = await _socket("198.51.100.9")
            await socket.send_json_to({"t": "start", "postal_code": "44000"})
            frames.append(await _until(socket, "started", "limited"))
            await socket.send_json_to({"t": "msg", "cid": "v", "body": "On m'a refusé un logement."})
            await socket.send_json_to({"t": "end"})
            if frames[-1]["t"] == "started":
                await _until(socket, "receipt")
            await socket.disconnect()
        return frames

    frames = async_to_sync(run)()
    assert [f["t"] for f in frames] == ["started", "started", "limited"]
    assert frames[-1]["message"].startswith("Trop de conversations ou de signalements ont été commencés")
    assert Conversation.objects.count() == 2 and Case.objects.count() == 2
    # The written form from the same address has no budget left either: one budget, two channels.
    request = RequestFactory().post("/formulaire/", REMOTE_ADDR="198.51.100.9")
    assert not ratelimit.report_submission_allowed(request)
    # Another address keeps its own.
    assert ratelimit.report_submission_allowed(RequestFactory().post("/formulaire/", REMOTE_ADDR="198.51.100.10"))
