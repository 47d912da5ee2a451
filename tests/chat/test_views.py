"""The chat's pages: the visitor's page, and the console's queue and conversation screens."""

import datetime as dt

from django.utils import timezone

from recours.casework.models import Case
from recours.chat import services
from recours.chat.models import Author, Conversation, ConversationStatus
from tests.accounts.helpers import log_in_verified


def _waiting(postal_code="44000", minutes_ago=0):
    conversation, _token = services.conversation_start(postal_code=postal_code)
    Conversation.objects.filter(pk=conversation.pk).update(waiting_since=timezone.now() - dt.timedelta(minutes=minutes_ago))
    conversation.refresh_from_db()
    return conversation


def test_the_visitor_page_always_shows_what_to_do_in_danger(client, db):
    response = client.get("/tchat/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Appelez le 17 (police secours) ou le 112" in page and "SMS au 114" in page
    assert 'role="log" aria-live="polite"' in page and 'id="chat-log"' in page
    assert "<script>" not in page and "/static/chat/visitor.js" in page


def test_the_visitor_page_offers_the_written_form_without_javascript(client, db):
    page = client.get("/tchat/").content.decode()
    assert "<noscript>" in page and 'href="/formulaire/"' in page


def test_the_console_screen_needs_a_verified_staff_session(client, adviser):
    client.force_login(adviser)
    assert client.get("/console/tchat/").status_code == 302


def test_the_queue_shows_the_longest_waiting_first_and_only_the_teams_chats(console, teams):
    recent = _waiting(minutes_ago=1)
    oldest = _waiting(minutes_ago=9)
    paris = _waiting(postal_code="75011", minutes_ago=30)
    page = console.get("/console/tchat/").content.decode()
    assert page.index(f'data-conversation="{oldest.pk}"') < page.index(f'data-conversation="{recent.pk}"')
    assert f'data-conversation="{paris.pk}"' not in page


def test_an_adviser_takes_a_chat(console, adviser, teams):
    conversation = _waiting()
    response = console.post(f"/console/tchat/{conversation.pk}/prendre/")
    assert response.status_code == 302 and response["Location"] == f"/console/tchat/{conversation.pk}/"
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.ACTIVE and conversation.adviser == adviser


def test_another_teams_chat_is_a_404(console, teams):
    paris = _waiting(postal_code="75011")
    assert console.get(f"/console/tchat/{paris.pk}/").status_code == 404
    assert console.post(f"/console/tchat/{paris.pk}/prendre/").status_code == 404
    paris.refresh_from_db()
    assert paris.status == ConversationStatus.WAITING


def test_a_colleague_cannot_end_or_transfer_a_chat_they_do_not_hold(client, adviser, colleague, teams):
    conversation = _waiting()
    services.conversation_accept(conversation=conversation, user=adviser)
    log_in_verified(client, colleague)
    client.post(f"/console/tchat/{conversation.pk}/terminer/")
    client.post(f"/console/tchat/{conversation.pk}/transferer/", {"to": f"user:{colleague.pk}"})
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.ACTIVE and conversation.adviser == adviser


def test_reading_a_conversation_is_audited(console, adviser, teams):
    from recours.core.models import AuditEvent

    conversation = _waiting()
    console.get(f"/console/tchat/{conversation.pk}/")
    assert AuditEvent.objects.filter(actor=adviser, action="chat.read", detail__conversation=conversation.pk).exists()


def test_notes_transfer_and_end_through_the_console(console, adviser, colleague, teams):
    conversation = _waiting()
    console.post(f"/console/tchat/{conversation.pk}/prendre/")
    services.message_post(conversation_id=conversation.pk, author=Author.VISITOR, body="Mon employeur me harcèle.", client_id="v")
    console.post(f"/console/tchat/{conversation.pk}/note/", {"body": "À orienter vers l'inspection du travail."})
    page = console.get(f"/console/tchat/{conversation.pk}/").content.decode()
    assert "Mon employeur me harcèle." in page and "À orienter vers l&#x27;inspection du travail." in page
    console.post(f"/console/tchat/{conversation.pk}/transferer/", {"to": f"team:{teams['paris'].pk}"})
    conversation.refresh_from_db()
    assert conversation.team == teams["paris"] and conversation.status == ConversationStatus.WAITING


def test_ending_in_the_console_puts_the_transcript_in_a_case(console, adviser, teams):
    conversation = _waiting()
    console.post(f"/console/tchat/{conversation.pk}/prendre/")
    services.message_post(conversation_id=conversation.pk, author=Author.VISITOR, body="On m'a refusé un stage.", client_id="v")
    response = console.post(f"/console/tchat/{conversation.pk}/terminer/", follow=True)
    case = Case.objects.get(chat=conversation)
    assert "On m'a refusé un stage." in case.narrative
    assert f"/console/dossiers/{case.reference}/" in response.content.decode()


def test_canned_answers_from_the_legal_library_are_offered_filled_in(console, adviser, teams):
    from recours.casework.models import AnswerTemplate

    AnswerTemplate.objects.create(title="Refus de location", topic=AnswerTemplate._meta.get_field("topic").choices[0][0],
                                  body="Bonjour, je suis {prenom_conseiller} de l'équipe {equipe}.")
    conversation = _waiting()
    console.post(f"/console/tchat/{conversation.pk}/prendre/")
    page = console.get(f"/console/tchat/{conversation.pk}/").content.decode()
    assert "Refus de location" in page
    assert "Bonjour, je suis Camille de l&#x27;équipe Ville de Nantes." in page
