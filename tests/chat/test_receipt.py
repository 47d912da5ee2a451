"""The chat's receipt: grouped by four as everywhere, with the form's "keep this code"
guidance, and an end said to the person in words meant for them."""

import re
from html import unescape

import pytest
from asgiref.sync import async_to_sync, sync_to_async

from recours.chat import services
from recours.chat.models import ChatMessage, Conversation
from tests.intake.walk import fill_all_steps
from tests.chat.ws import connected, until

GUIDANCE = "Il ne sera plus jamais affiché, et nous ne pouvons pas le retrouver : notez-le dans un endroit sûr."


@pytest.mark.django_db(transaction=True)
def test_the_receipt_reaches_the_visitor_grouped_by_four_when_the_adviser_ends(live_reference_data, teams, adviser,
                                                                               always_open, client):
    from tests.accounts.helpers import log_in_verified

    log_in_verified(client, adviser)

    async def run():
        visitor = await connected()
        await visitor.send_json_to({"t": "start", "postal_code": "44000"})
        await until(visitor, "started")
        await visitor.send_json_to({"t": "msg", "cid": "v1", "body": "On m'a refusé un logement."})
        await until(visitor, "ack")
        conversation = await sync_to_async(Conversation.objects.get)()
        # The adviser takes and ends the chat in the console (plain forms).
        await sync_to_async(client.post)(f"/console/tchat/{conversation.pk}/prendre/")
        await sync_to_async(client.post)(f"/console/tchat/{conversation.pk}/terminer/")
        receipt, before = await until(visitor, "receipt")
        await visitor.disconnect()
        return receipt, before

    receipt, before = async_to_sync(run)()
    assert re.fullmatch(r"\d{4} \d{4} \d{4} \d{4}", receipt["code"])
    said = [frame["body"] for frame in before if frame["t"] == "m" and frame["from"] == "system"]
    assert said[-1] == "La conseillère ou le conseiller a mis fin à la conversation."


def test_a_visitor_who_ends_reads_that_the_conversation_is_over(teams, adviser, always_open):
    conversation, _token = services.conversation_start(postal_code="44000")
    services.conversation_end(conversation=conversation, actor=None)
    assert ChatMessage.objects.filter(author="system").last().body == "La conversation est terminée."


def test_the_receipt_block_has_a_focusable_heading_and_the_forms_guidance(client, db):
    page = unescape(client.get("/tchat/").content.decode())
    assert '<h2 id="chat-receipt-title" tabindex="-1">Votre code de suivi</h2>' in page
    assert "<h3>Gardez ce code</h3>" in page and GUIDANCE in page


def test_the_forms_receipt_page_gives_the_same_guidance(client, db):
    fill_all_steps(client)
    client.post("/formulaire/", {"step": "summary", "action": "submit"})
    page = unescape(client.get("/formulaire/").content.decode())
    assert "<h2>Gardez ce code</h2>" in page and GUIDANCE in page
    assert re.search(r'id="receipt-code"><strong>\d{4} \d{4} \d{4} \d{4}</strong>', page)
