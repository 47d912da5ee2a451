"""The live chat in a real browser: a visitor and advisers in separate browser contexts, on a
real ASGI server (HTTP and WebSockets) with the application's strict CSP."""

import re
import time

import pytest
from playwright.sync_api import expect

from recours.casework.models import Case, Channel
from recours.chat import hours
from recours.chat.models import Author, ChatMessage, Conversation, ConversationStatus
from recours.chat.services import message_post, presence_beat
from tests.accounts.conftest import make_staff, teams  # noqa: F401  (shared fixtures)
from tests.e2e.axe import assert_accessible
from tests.e2e.chat_server import ThreadedServer, sqlite_lock_retry, staff_cookie

DESKTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "fr-FR"}


@pytest.fixture
def chat_server(live_reference_data, settings, monkeypatch):
    settings.RECOURS_CHAT_HOURS = "1-7 00:00-23:59:59"
    monkeypatch.setattr(hours, "is_closed_day", lambda day: False)
    sqlite_lock_retry(monkeypatch)
    server = ThreadedServer().start()
    yield server
    server.stop()


@pytest.fixture
def nantes_staff(teams, make_staff):  # noqa: F811
    camille, _ = make_staff("camille", teams["nantes"], first_name="Camille", last_name="Martin")
    dominique, _ = make_staff("dominique", teams["nantes"], first_name="Dominique", last_name="Petit")
    for user in (camille, dominique):
        presence_beat(user)
    return camille, dominique


def _staff_page(new_page, user, server):
    page = new_page(**DESKTOP)
    page.context.add_cookies([staff_cookie(user, server.url)])
    return page


def _start_chat(page, server):
    page.goto(f"{server.url}/tchat/")
    page.get_by_label("Votre code postal").fill("44000")
    page.get_by_role("button", name="Commencer la conversation").click()
    expect(page.locator("#chat-status")).to_contain_text("Vous êtes en attente")


def _send(page, text):
    page.get_by_label("Votre message").fill(text)
    page.get_by_role("button", name="Envoyer").click()


def test_a_whole_chat_is_held_transferred_ended_and_found_in_a_case(new_page, chat_server, nantes_staff):
    camille, dominique = nantes_staff
    visitor = new_page(**DESKTOP)
    _start_chat(visitor, chat_server)
    assert_accessible(visitor, context="visitor page, waiting")

    adviser = _staff_page(new_page, camille, chat_server)
    adviser.goto(f"{chat_server.url}/console/tchat/")
    adviser.get_by_role("button", name=re.compile("Prendre")).first.click()
    expect(adviser).to_have_url(re.compile(r"/console/tchat/\d+/$"))
    expect(visitor.locator("#chat-status")).to_have_text("Un·e conseiller·ère est avec vous.")

    _send(visitor, "Bonjour, on m'a refusé un appartement à cause de mon nom.")
    expect(adviser.locator("#chat-log")).to_contain_text("on m'a refusé un appartement")
    visitor.get_by_label("Votre message").press_sequentially("Je")
    expect(adviser.locator("#chat-typing")).to_be_visible()
    _send(adviser, "Bonjour, je vous écoute. Quand cela s'est-il passé ?")
    expect(visitor.locator("#chat-log")).to_contain_text("Quand cela s'est-il passé ?")
    assert visitor.evaluate("document.activeElement.id") == "chat-input"  # focus never moved by a new message
    assert_accessible(adviser, context="adviser conversation")

    adviser.get_by_label("Transférer à").select_option(label="Dominique Petit")
    adviser.get_by_role("button", name="Transférer").click()
    expect(visitor.locator("#chat-log")).to_contain_text("transmise à un·e autre conseiller·ère")

    colleague = _staff_page(new_page, dominique, chat_server)
    colleague.goto(f"{chat_server.url}/console/tchat/")
    colleague.get_by_role("link", name=re.compile("Reprendre")).click()
    _send(colleague, "Je prends la suite : c'était la semaine dernière ?")
    expect(visitor.locator("#chat-log")).to_contain_text("Je prends la suite")
    _send(visitor, "Oui, mardi.")
    expect(colleague.locator("#chat-log")).to_contain_text("Oui, mardi.")
    colleague.get_by_role("button", name="Terminer la conversation").click()

    expect(visitor.locator("#chat-status")).to_have_text("La conversation est terminée.")
    expect(visitor.locator("#chat-receipt-code")).to_have_text(re.compile(r"\S{8,}"))
    case = Case.objects.get(channel=Channel.CHAT)
    assert "on m'a refusé un appartement" in case.narrative and "Oui, mardi." in case.narrative
    assert case.assigned_to == dominique and case.team.name == "Ville de Nantes"
    # Each message once, in order, on both sides.
    ids = visitor.locator("#chat-log li").evaluate_all("items => items.map(li => li.dataset.id)")
    assert ids == [str(n) for n in range(1, len(ids) + 1)]


def test_a_dropped_connection_and_a_server_restart_lose_and_repeat_nothing(new_page, chat_server, nantes_staff):
    camille, _dominique = nantes_staff
    visitor = new_page(**DESKTOP)
    _start_chat(visitor, chat_server)
    conversation = Conversation.objects.get()
    adviser = _staff_page(new_page, camille, chat_server)
    adviser.goto(f"{chat_server.url}/console/tchat/{conversation.pk}/")
    adviser.get_by_role("button", name="Prendre cette conversation").click()
    _send(visitor, "Premier message.")
    expect(adviser.locator("#chat-log")).to_contain_text("Premier message.")

    chat_server.stop()  # every socket drops
    expect(visitor.locator("#chat-status")).to_contain_text("La connexion est coupée")
    _send(visitor, "Écrit pendant la coupure.")
    for n, body in enumerate(["Réponse pendant la coupure.", "Et une autre."]):
        message_post(conversation_id=conversation.pk, author=Author.ADVISER, body=body, client_id=f"offline-{n}", user=camille)
    chat_server.start()

    expect(visitor.locator("#chat-log")).to_contain_text("Et une autre.", timeout=20_000)
    expect(adviser.locator("#chat-log")).to_contain_text("Écrit pendant la coupure.", timeout=20_000)
    deadline = time.monotonic() + 10
    while ChatMessage.objects.filter(conversation=conversation, author=Author.VISITOR).count() < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert ChatMessage.objects.filter(conversation=conversation, author=Author.VISITOR).count() == 2
    ids = visitor.locator("#chat-log li").evaluate_all("items => items.map(li => li.dataset.id)")
    assert ids == [str(n) for n in range(1, conversation.messages.count() + 1)]
    expect(visitor.locator(".chat-pending")).to_have_count(0)


def test_quick_exit_closes_the_chat_and_erases_it_from_the_page_and_the_browser(new_page, chat_server, nantes_staff):
    visitor = new_page(viewport={"width": 375, "height": 812}, locale="fr-FR", is_mobile=True, has_touch=True)
    _start_chat(visitor, chat_server)
    _send(visitor, "Quelqu'un arrive.")
    expect(visitor.locator("#chat-log li[data-id]")).to_have_count(1)
    assert visitor.evaluate("document.documentElement.scrollWidth") <= 375
    expect(visitor.locator("#chat-danger")).to_be_in_viewport()
    assert_accessible(visitor, context="visitor page at 375 px")

    visitor.get_by_role("link", name="Quitter rapidement").click()
    expect(visitor).to_have_title("Site neutre")
    deadline = time.monotonic() + 10
    while Conversation.objects.get().status != ConversationStatus.ENDED and time.monotonic() < deadline:
        time.sleep(0.1)
    assert Conversation.objects.get().status == ConversationStatus.ENDED

    visitor.goto(f"{chat_server.url}/tchat/")
    assert visitor.evaluate("window.sessionStorage.getItem('recours.chat')") is None
    expect(visitor.locator("#chat-log li")).to_have_count(0)
    expect(visitor.get_by_label("Votre code postal")).to_be_visible()


def test_with_nobody_present_the_visitor_is_offered_the_written_form(new_page, chat_server, teams):  # noqa: F811
    visitor = new_page(**DESKTOP)
    visitor.goto(f"{chat_server.url}/tchat/")
    visitor.get_by_label("Votre code postal").fill("44000")
    visitor.get_by_role("button", name="Commencer la conversation").click()
    expect(visitor.locator("#chat-offline-message")).to_have_text("Aucun·e conseiller·ère n'est disponible pour le moment.")
    visitor.get_by_role("link", name="Faire un signalement écrit").click()
    expect(visitor).to_have_url(re.compile("/formulaire/$"))
