"""The live chat in a real browser: a visitor and advisers in separate browser contexts, on a
real ASGI server (HTTP and WebSockets) with the application's strict CSP."""

import re

import pytest
from playwright.sync_api import expect

from recours.casework.models import Case, Channel
from recours.chat.models import Author, ChatMessage, Conversation, ConversationStatus, Presence
from recours.chat.services import message_post, presence_beat
from tests.e2e.axe import assert_accessible
from tests.e2e.helpers import DESKTOP, MOBILE, send, start_chat, staff_page, wait_until

@pytest.fixture
def nantes_staff(adviser, colleague):
    """Camille Martin and Dominique Petit of the city of Nantes, both present for the chat."""
    for user in (adviser, colleague):
        presence_beat(user)
    return adviser, colleague


def test_a_whole_chat_is_held_transferred_ended_and_found_in_a_case(new_page, chat_server, nantes_staff):
    camille, dominique = nantes_staff
    visitor = new_page(**DESKTOP)
    start_chat(visitor, chat_server.url)
    assert_accessible(visitor, context="visitor page, waiting")

    adviser = staff_page(new_page, camille, chat_server.url)
    adviser.goto(f"{chat_server.url}/console/tchat/")
    adviser.get_by_role("button", name=re.compile("Prendre")).first.click()
    expect(adviser).to_have_url(re.compile(r"/console/tchat/\d+/$"))
    expect(visitor.locator("#chat-status")).to_have_text("Un·e conseiller·ère est avec vous.")

    send(visitor, "Bonjour, on m'a refusé un appartement à cause de mon nom.")
    expect(adviser.locator("#chat-log")).to_contain_text("on m'a refusé un appartement")
    visitor.get_by_label("Votre message").press_sequentially("Je")
    expect(adviser.locator("#chat-typing")).to_be_visible()
    send(adviser, "Bonjour, je vous écoute. Quand cela s'est-il passé ?")
    expect(visitor.locator("#chat-log")).to_contain_text("Quand cela s'est-il passé ?")
    assert visitor.evaluate("document.activeElement.id") == "chat-input"  # focus never moved by a new message
    assert_accessible(adviser, context="adviser conversation")

    adviser.get_by_label("Transférer à").select_option(label="Dominique Petit")
    adviser.get_by_role("button", name="Transférer").click()
    expect(visitor.locator("#chat-log")).to_contain_text("transmise à un·e autre conseiller·ère")

    colleague = staff_page(new_page, dominique, chat_server.url)
    colleague.goto(f"{chat_server.url}/console/tchat/")
    colleague.get_by_role("link", name=re.compile("Reprendre")).click()
    send(colleague, "Je prends la suite : c'était la semaine dernière ?")
    expect(visitor.locator("#chat-log")).to_contain_text("Je prends la suite")
    send(visitor, "Oui, mardi.")
    expect(colleague.locator("#chat-log")).to_contain_text("Oui, mardi.")
    colleague.get_by_role("button", name="Terminer la conversation").click()

    expect(visitor.locator("#chat-status")).to_have_text("La conversation est terminée.")
    expect(visitor.locator("#chat-receipt-code")).to_have_text(re.compile(r"^\d{4} \d{4} \d{4} \d{4}$"))
    case = Case.objects.get(channel=Channel.CHAT)
    assert "on m'a refusé un appartement" in case.narrative and "Oui, mardi." in case.narrative
    assert case.assigned_to == dominique and case.team.name == "Ville de Nantes"
    # Each message once, in order, on both sides.
    ids = visitor.locator("#chat-log li").evaluate_all("items => items.map(li => li.dataset.id)")
    assert ids == [str(n) for n in range(1, len(ids) + 1)]


def test_a_dropped_connection_and_a_server_restart_lose_and_repeat_nothing(new_page, chat_server, nantes_staff):
    camille, _dominique = nantes_staff
    visitor = new_page(**DESKTOP)
    start_chat(visitor, chat_server.url)
    conversation = Conversation.objects.get()
    adviser = staff_page(new_page, camille, chat_server.url)
    adviser.goto(f"{chat_server.url}/console/tchat/{conversation.pk}/")
    adviser.get_by_role("button", name="Prendre cette conversation").click()
    send(visitor, "Premier message.")
    expect(adviser.locator("#chat-log")).to_contain_text("Premier message.")

    chat_server.stop()  # every socket drops
    expect(visitor.locator("#chat-status")).to_contain_text("La connexion est coupée")
    send(visitor, "Écrit pendant la coupure.")
    for n, body in enumerate(["Réponse pendant la coupure.", "Et une autre."]):
        message_post(conversation_id=conversation.pk, author=Author.ADVISER, body=body, client_id=f"offline-{n}", user=camille)
    chat_server.start()

    expect(visitor.locator("#chat-log")).to_contain_text("Et une autre.", timeout=20_000)
    expect(adviser.locator("#chat-log")).to_contain_text("Écrit pendant la coupure.", timeout=20_000)
    wait_until(lambda: ChatMessage.objects.filter(conversation=conversation, author=Author.VISITOR).count() >= 2)
    assert ChatMessage.objects.filter(conversation=conversation, author=Author.VISITOR).count() == 2
    ids = visitor.locator("#chat-log li").evaluate_all("items => items.map(li => li.dataset.id)")
    assert ids == [str(n) for n in range(1, conversation.messages.count() + 1)]
    expect(visitor.locator(".chat-pending")).to_have_count(0)


def test_quick_exit_closes_the_chat_and_erases_it_from_the_page_and_the_browser(new_page, chat_server, nantes_staff):
    visitor = new_page(viewport={"width": 375, "height": 812}, locale="fr-FR", is_mobile=True, has_touch=True)
    start_chat(visitor, chat_server.url)
    send(visitor, "Quelqu'un arrive.")
    expect(visitor.locator("#chat-log li[data-id]")).to_have_count(1)
    assert visitor.evaluate("document.documentElement.scrollWidth") <= 375
    expect(visitor.locator("#chat-danger")).to_be_in_viewport()
    assert_accessible(visitor, context="visitor page at 375 px")

    visitor.get_by_role("link", name="Quitter rapidement").click()
    expect(visitor).to_have_title("Site neutre")
    wait_until(lambda: Conversation.objects.get().status == ConversationStatus.ENDED)
    assert Conversation.objects.get().status == ConversationStatus.ENDED

    visitor.goto(f"{chat_server.url}/tchat/")
    assert visitor.evaluate("window.sessionStorage.getItem('recours.chat')") is None
    expect(visitor.locator("#chat-log li")).to_have_count(0)
    expect(visitor.get_by_label("Votre code postal")).to_be_visible()


def test_with_nobody_present_the_visitor_is_offered_the_written_form(new_page, chat_server, teams):
    visitor = new_page(**DESKTOP)
    visitor.goto(f"{chat_server.url}/tchat/")
    visitor.get_by_label("Votre code postal").fill("44000")
    visitor.get_by_role("button", name="Commencer la conversation").click()
    expect(visitor.locator("#chat-offline-message")).to_have_text(
        "Le tchat est ouvert, mais aucune conseillère ni aucun conseiller n'est en ligne en ce moment."
    )
    expect(visitor.locator("#chat-offline-next")).to_have_text("")  # never "next opening: now"
    visitor.get_by_role("link", name="Faire un signalement écrit").click()
    expect(visitor).to_have_url(re.compile("/formulaire/$"))


def test_when_the_adviser_ends_the_visitor_is_taken_to_the_grouped_receipt(new_page, chat_server, nantes_staff):
    camille, _dominique = nantes_staff
    visitor = new_page(**MOBILE)
    start_chat(visitor, chat_server.url)
    send(visitor, "Bonjour, on m'a refusé un appartement.")
    conversation = Conversation.objects.get()
    adviser = staff_page(new_page, camille, chat_server.url)
    adviser.goto(f"{chat_server.url}/console/tchat/{conversation.pk}/")
    adviser.get_by_role("button", name="Prendre cette conversation").click()
    expect(visitor.locator("#chat-status")).to_have_text("Un·e conseiller·ère est avec vous.")
    adviser.get_by_role("button", name="Terminer la conversation").click()

    heading = visitor.get_by_role("heading", name="Votre code de suivi")
    expect(heading).to_be_focused()
    expect(heading).to_be_in_viewport()
    expect(visitor.locator("#chat-receipt-code")).to_have_text(re.compile(r"^\d{4} \d{4} \d{4} \d{4}$"))
    expect(visitor.locator("#chat-log")).to_contain_text("La conseillère ou le conseiller a mis fin à la conversation.")
    expect(visitor.get_by_role("heading", name="Gardez ce code")).to_be_visible()
    assert visitor.evaluate("document.documentElement.scrollWidth") <= 375
    assert_accessible(visitor, context="visitor's receipt at 375 px")


def test_an_adviser_on_any_console_page_is_present_and_told_of_a_waiting_chat(new_page, chat_server, teams, loire_atlantique_adviser):
    yann = loire_atlantique_adviser  # not present yet: the console page makes him so
    adviser = staff_page(new_page, yann, chat_server.url)
    adviser.goto(f"{chat_server.url}/console/dossiers/")  # not the chat's page
    title = adviser.title()
    expect(adviser.locator("#chat-waiting")).to_have_attribute("data-ready", "true")  # the script runs; its socket makes him present
    assert wait_until(lambda: Presence.objects.filter(user=yann).exists())

    visitor = new_page(**DESKTOP)
    start_chat(visitor, chat_server.url)  # 44000: the city team is offline; the département's answers
    assert Conversation.objects.get().team == teams["loire_atlantique"]
    expect(adviser.locator("#chat-waiting-live")).to_have_text("1 conversation de tchat en attente")
    expect(adviser).to_have_title(f"(1) {title}")
    assert_accessible(adviser, context="console page announcing a waiting chat")
    adviser.get_by_role("link", name="1 conversation de tchat en attente").click()
    adviser.get_by_role("button", name=re.compile("Prendre")).first.click()
    expect(visitor.locator("#chat-status")).to_have_text("Un·e conseiller·ère est avec vous.")
