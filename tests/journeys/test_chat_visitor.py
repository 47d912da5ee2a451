"""A chat visitor on her phone: from the home page to a conversation answered by the
département's team (the city's advisers are offline), the receipt when the adviser ends, the
case found in the console with the conversation in it, and her own follow-up page.

Apps crossed: theme (home), chat (visitor page, console queue, conversation), casework (case
file, queue), intake (follow-up). Everything runs on a real ASGI server (HTTP and WebSockets).
"""

import re

from playwright.sync_api import expect

from recours.casework.models import Case, Channel
from recours.chat.services import presence_beat
from tests.e2e.axe import assert_accessible
from tests.e2e.helpers import DESKTOP, MOBILE, RECEIPT_SHAPE, no_horizontal_scroll, open_followup, send, start_chat, staff_page


def test_a_chat_visitor_is_answered_gets_her_receipt_and_finds_her_case(
    new_page, chat_server, chat_offered, always_open, teams, make_staff
):
    make_staff("camille", teams["nantes"], first_name="Camille", last_name="Martin")  # offline
    yann, _device = make_staff("yann", teams["loire_atlantique"], first_name="Yann", last_name="Le Goff")
    presence_beat(yann)
    console = staff_page(new_page, yann, chat_server.url, **DESKTOP)
    console.goto(f"{chat_server.url}/console/dossiers/")
    expect(console.locator("#chat-waiting")).to_have_attribute("data-ready", "true")  # the console's script listens

    # Home: the chat is offered, and advisers are online somewhere (the place is not known yet).
    visitor = new_page(**MOBILE)
    visitor.goto(chat_server.url + "/")
    entry = visitor.get_by_role("region", name="Discuter en direct, par écrit")
    expect(entry).to_be_visible()
    assert_accessible(visitor, context="home with the chat offered, 375 px")
    expect(entry).to_contain_text("Des conseillères et des conseillers sont en ligne.")
    entry.get_by_role("link", name="Ouvrir le tchat").click()
    expect(visitor).to_have_url(re.compile("/tchat/$"))
    assert_accessible(visitor, context="chat start, 375 px")

    # The city's team is offline: the département's answers, and the visitor is told so.
    start_chat(visitor, chat_server.url, "44000", go=False)
    expect(visitor.locator("main")).to_contain_text("une conseillère ou un conseiller d'une équipe départementale vous répondra")
    no_horizontal_scroll(visitor)
    assert_accessible(visitor, context="chat, waiting, 375 px")

    # Hand-over 1: the console, on any page, announces the waiting chat.
    waiting = console.get_by_role("link", name="1 conversation de tchat en attente")
    expect(waiting).to_be_visible()
    assert_accessible(console, context="console announcing a waiting chat")
    waiting.click()
    console.get_by_role("button", name=re.compile("Prendre")).first.click()
    expect(console).to_have_url(re.compile(r"/console/tchat/\d+/$"))
    expect(visitor.locator("#chat-status")).to_have_text("Un·e conseiller·ère est avec vous.")

    send(visitor, "Bonjour, la pharmacie refuse de me servir depuis qu'elle a vu mon fauteuil.")
    expect(console.locator("#chat-log")).to_contain_text("depuis qu'elle a vu mon fauteuil")
    send(console, "Bonjour, je vous écoute. Depuis quand cela dure-t-il ?")
    expect(visitor.locator("#chat-log")).to_contain_text("Depuis quand cela dure-t-il ?")
    send(visitor, "Depuis trois semaines.")
    expect(console.locator("#chat-log")).to_contain_text("Depuis trois semaines.")
    assert_accessible(console, context="adviser's conversation")
    assert_accessible(visitor, context="visitor's conversation, 375 px")

    # Hand-over 2: the adviser ends; the visitor gets her receipt, grouped and focused.
    console.get_by_role("button", name="Terminer la conversation").click()
    expect(console.get_by_text("La conversation est terminée ; sa transcription est dans le dossier.")).to_be_visible()
    heading = visitor.get_by_role("heading", name="Votre code de suivi")
    expect(heading).to_be_focused()
    expect(heading).to_be_in_viewport()
    code = visitor.locator("#chat-receipt-code")
    expect(code).to_have_text(RECEIPT_SHAPE)
    receipt = code.inner_text().strip()
    expect(visitor.locator("#chat-log")).to_contain_text("La conseillère ou le conseiller a mis fin à la conversation.")
    expect(visitor.get_by_role("heading", name="Gardez ce code")).to_be_visible()
    no_horizontal_scroll(visitor)
    assert_accessible(visitor, context="chat receipt, 375 px")

    # Hand-over 3: the case is in the département's queue, the conversation in it.
    case = Case.objects.get(channel=Channel.CHAT)
    assert case.team == teams["loire_atlantique"] and case.assigned_to == yann
    console.get_by_role("link", name=f"dossier {case.reference}").click()
    expect(console.get_by_role("heading", name=re.compile(f"^Dossier {case.reference}"))).to_be_visible()
    expect(console.locator("main")).to_contain_text("depuis qu'elle a vu mon fauteuil")
    expect(console.locator("main")).to_contain_text("Depuis trois semaines.")
    assert_accessible(console, context="case file from a chat")
    console.goto(f"{chat_server.url}/console/dossiers/")
    expect(console.locator(f"#queue tr[data-reference='{case.reference}']")).to_contain_text("tchat")

    # Hand-over 4: the visitor opens her follow-up page with the code she was given.
    open_followup(visitor, chat_server.url, receipt)
    expect(visitor.locator("main")).to_contain_text("depuis qu'elle a vu mon fauteuil")
    no_horizontal_scroll(visitor)
    assert_accessible(visitor, context="follow-up of a chat, 375 px")
