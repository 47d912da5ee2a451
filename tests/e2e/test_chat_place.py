"""The chat asks which commune when a postal code has several (the place policy, docs/geo.md),
in a real browser, on a real ASGI server with the application's strict CSP."""

import pytest
from playwright.sync_api import expect

from recours.chat.models import Conversation
from recours.chat.services import presence_beat
from tests.e2e.axe import assert_accessible

MOBILE = {"viewport": {"width": 375, "height": 740}, "locale": "fr-FR"}


@pytest.fixture
def present(teams, make_staff):
    """Someone present in Loire-Atlantique and in Nantes."""
    for key in ("loire_atlantique", "nantes"):
        user, _ = make_staff(f"adviser-{key}", teams[key])
        presence_beat(user)
    return teams


def test_a_visitor_whose_code_has_several_communes_chooses_or_says_she_does_not_know(new_page, chat_server, present):
    visitor = new_page(**MOBILE)
    visitor.goto(f"{chat_server.url}/tchat/")
    visitor.get_by_label("Votre code postal").fill("44470")
    visitor.get_by_role("button", name="Commencer la conversation").click()

    choices = visitor.get_by_role("group", name="Ce code postal couvre plusieurs communes : laquelle ?")
    expect(choices).to_be_visible()
    expect(visitor.locator("#chat-place-error")).to_contain_text("Ce code postal couvre plusieurs communes")
    for name in ("Carquefou", "Mauves-sur-Loire", "Thouaré-sur-Loire", "Je ne sais pas"):
        expect(choices.get_by_label(name, exact=True)).to_be_visible()
    assert_accessible(visitor, context="chat start, choice of the commune")
    assert not Conversation.objects.exists()

    choices.get_by_label("Je ne sais pas", exact=True).check()
    visitor.get_by_role("button", name="Commencer la conversation").click()
    expect(visitor.locator("#chat-status")).to_contain_text("Vous êtes en attente")
    conversation = Conversation.objects.get()
    assert (conversation.postal_code, conversation.commune_id) == ("44470", None)
    assert conversation.team == present["loire_atlantique"]  # the département's, not a commune's


def test_an_unknown_postal_code_is_refused_before_the_chat_starts(new_page, chat_server, present):
    visitor = new_page(**MOBILE)
    visitor.goto(f"{chat_server.url}/tchat/")
    code = visitor.get_by_label("Votre code postal")
    code.fill("00000")
    visitor.get_by_role("button", name="Commencer la conversation").click()
    expect(visitor.locator("#chat-place-error")).to_have_text("Ce code postal n'existe pas. Vérifiez-le, par exemple 44000.")
    expect(code).to_have_attribute("aria-invalid", "true")
    assert "chat-place-error" in code.get_attribute("aria-describedby")
    expect(visitor.locator("#chat-commune")).to_be_hidden()
    code.fill("44000")  # typing another code clears the message
    expect(visitor.locator("#chat-place-error")).to_have_text("")
    visitor.get_by_role("button", name="Commencer la conversation").click()
    expect(visitor.locator("#chat-status")).to_contain_text("Vous êtes en attente")
    assert Conversation.objects.get().team == present["nantes"]
