"""A conversation follows its case: once the case made from a chat goes to another team, so does the chat.

Every console route that names a conversation is swept (read from the URL configuration,
so a route added tomorrow is tried too), as tests/casework/test_no_route_reaches_another_team.py
does for cases.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from recours.casework.services import case_transfer
from recours.chat import services
from recours.chat.models import Author, ChatNote, Conversation, ConversationStatus
from recours.core.models import AuditEvent
from tests.accounts.helpers import log_in_verified


def _routes(patterns=None, prefix: str = ""):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route


def conversation_routes() -> list[str]:
    """Every console route with a conversation's id in it."""
    return sorted({route for route in _routes() if route.startswith("console/tchat/<")})


def _url(route: str, pk: int) -> str:
    return "/" + re.sub(r"<(?:\w+:)?\w+>", str(pk), route)


@pytest.fixture
def handed_over(adviser, teams):
    """A chat of Nantes, ended (so a case of Nantes), whose case was then transferred to Paris."""
    conversation, _token = services.conversation_start(postal_code="44000")
    services.conversation_accept(conversation=conversation, user=adviser)
    services.message_post(conversation_id=conversation.pk, author=Author.VISITOR, body="On m'a refusé un logement.",
                          client_id="v1")
    services.note_add(conversation=conversation, author=adviser, body="Personne inquiète.")
    conversation = services.conversation_end(conversation=conversation, actor=adviser)
    case_transfer(case=conversation.case, to_team=teams["paris"], note="Le logement est à Paris.", actor=adviser)
    return conversation


def test_the_sweep_finds_the_conversation_routes():
    routes = conversation_routes()
    assert "console/tchat/<int:pk>/" in routes and "console/tchat/<int:pk>/note/" in routes
    assert len(routes) >= 5, routes


@pytest.mark.parametrize("route", conversation_routes())
def test_no_conversation_route_reaches_a_chat_whose_case_left_the_team(console, adviser, handed_over, route):
    before = (handed_over.status, handed_over.team_id, handed_over.adviser_id, handed_over.last_seq,
              ChatNote.objects.filter(conversation=handed_over).count())
    url = _url(route, handed_over.pk)
    for response in (console.get(url), console.post(url, {"body": "x", "to": f"user:{adviser.pk}"})):
        assert response.status_code in (403, 404, 405), (url, response.status_code)
    handed_over.refresh_from_db()
    after = (handed_over.status, handed_over.team_id, handed_over.adviser_id, handed_over.last_seq,
             ChatNote.objects.filter(conversation=handed_over).count())
    assert after == before, url
    assert not AuditEvent.objects.filter(actor=adviser, action="chat.read").exists(), url


def test_the_team_that_received_the_case_reads_the_conversation(client, paris_adviser, handed_over):
    log_in_verified(client, paris_adviser)
    page = client.get(f"/console/tchat/{handed_over.pk}/").content.decode()
    assert "On m&#x27;a refusé un logement." in page or "On m'a refusé un logement." in page


def test_a_chat_without_a_case_stays_with_its_team(client, adviser, paris_adviser, teams):
    conversation, _token = services.conversation_start(postal_code="44000")
    services.conversation_accept(conversation=conversation, user=adviser)
    services.conversation_end(conversation=conversation, actor=adviser)  # the person wrote nothing: no case
    log_in_verified(client, paris_adviser)
    assert client.get(f"/console/tchat/{conversation.pk}/").status_code == 404
    log_in_verified(client, adviser)
    assert client.get(f"/console/tchat/{conversation.pk}/").status_code == 200


def test_an_ended_conversation_takes_no_more_notes(console, adviser, teams):
    conversation, _token = services.conversation_start(postal_code="44000")
    services.conversation_accept(conversation=conversation, user=adviser)
    services.conversation_end(conversation=conversation, actor=adviser)
    response = console.post(f"/console/tchat/{conversation.pk}/note/", {"body": "Trop tard."}, follow=True)
    assert "Cette conversation est terminée : écrivez votre note dans le dossier." in response.content.decode()
    assert not ChatNote.objects.filter(conversation=conversation).exists()
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.ENDED and Conversation.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_former_teams_socket_cannot_join_the_conversation(live_reference_data, client, adviser, handed_over):
    from asgiref.sync import async_to_sync
    from django.conf import settings

    from recours.asgi import application
    from tests.chat.ws import WebsocketCommunicator

    log_in_verified(client, adviser)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    headers = [(b"origin", b"http://testserver"), (b"host", b"testserver"), (b"cookie", cookie.encode())]

    async def run():
        socket = WebsocketCommunicator(application, "/ws/console/tchat/", headers=headers)
        connected, _code = await socket.connect()
        assert connected
        await socket.send_json_to({"t": "watch", "conv": handed_over.pk, "after": 0})
        frame = await socket.receive_json_from()
        await socket.disconnect()
        return frame

    frame = async_to_sync(run)()
    assert frame["t"] == "error" and frame["conv"] == handed_over.pk
