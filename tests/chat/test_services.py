"""The chat's writes: queue by place, ids in order, resent messages stored once, accept, transfer, end."""

import pytest
from django.db import connection

from recours.casework.models import Channel, Note
from recours.chat import services
from recours.chat.models import Author, ChatMessage, Conversation, ConversationStatus
from recours.chat.selectors import conversation_for_token


def _started(**kwargs):
    return services.conversation_start(**{"postal_code": "44000", **kwargs})


def test_a_visitor_joins_the_queue_of_the_team_of_their_place(teams):
    conversation, token = _started(ground="nom", domain="logement")
    assert conversation.team == teams["nantes"]
    assert conversation.status == ConversationStatus.WAITING
    assert conversation_for_token(token) == conversation
    assert token not in conversation.visitor_token_hash


def test_an_approximate_postal_code_finds_the_team_of_its_departement(teams):
    conversation, _token = services.conversation_start(postal_code="44")
    assert conversation.team == teams["loire_atlantique"]


def test_no_postal_code_goes_to_the_national_team(teams):
    conversation, _token = services.conversation_start(postal_code="")
    assert conversation.team == teams["national"]


def test_messages_get_increasing_ids_and_are_encrypted_at_rest(teams):
    conversation, _token = _started()
    first, _ = services.message_post(conversation_id=conversation.pk, author=Author.VISITOR, body="Bonjour", client_id="a")
    second, _ = services.message_post(conversation_id=conversation.pk, author=Author.VISITOR, body="Vous êtes là ?", client_id="b")
    assert (first.seq, second.seq) == (1, 2)
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM chat_chatmessage WHERE id = %s", [first.pk])
        assert "Bonjour" not in cursor.fetchone()[0]


def test_a_resent_message_is_stored_once(teams):
    conversation, _token = _started()
    first, created = services.message_post(conversation_id=conversation.pk, author=Author.VISITOR, body="Bonjour", client_id="x1")
    again, created_again = services.message_post(conversation_id=conversation.pk, author=Author.VISITOR, body="Bonjour", client_id="x1")
    assert created and not created_again
    assert again.pk == first.pk
    assert ChatMessage.objects.filter(conversation=conversation).count() == 1


def test_a_too_long_message_is_refused_with_a_clear_message(teams, settings):
    settings.RECOURS_CHAT_MESSAGE_MAX_CHARS = 10
    conversation, _token = _started()
    with pytest.raises(services.ChatError, match="trop long : 10 caractères"):
        services.message_post(conversation_id=conversation.pk, author=Author.VISITOR, body="x" * 11, client_id="c")


def test_an_adviser_accepts_a_chat_of_their_team_only(teams, adviser, paris_adviser):
    conversation, _token = _started()
    with pytest.raises(services.ChatError):
        services.conversation_accept(conversation=conversation, user=paris_adviser)
    services.conversation_accept(conversation=conversation, user=adviser)
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.ACTIVE and conversation.adviser == adviser
    assert conversation.messages.filter(author=Author.SYSTEM).exists()


def test_two_advisers_cannot_take_the_same_chat(teams, adviser, colleague):
    conversation, _token = _started()
    services.conversation_accept(conversation=conversation, user=adviser)
    with pytest.raises(services.ChatError, match="déjà été prise"):
        services.conversation_accept(conversation=Conversation.objects.get(pk=conversation.pk), user=colleague)


def test_an_adviser_holds_no_more_chats_than_the_limit(teams, adviser, settings):
    settings.RECOURS_CHAT_MAX_ACTIVE = 2
    for _ in range(2):
        services.conversation_accept(conversation=_started()[0], user=adviser)
    with pytest.raises(services.ChatError, match="déjà 2 conversations"):
        services.conversation_accept(conversation=_started()[0], user=adviser)


def test_a_chat_is_transferred_to_a_colleague_or_to_another_team(teams, adviser, colleague):
    conversation, _token = _started()
    services.conversation_accept(conversation=conversation, user=adviser)
    services.conversation_transfer(conversation=conversation, actor=adviser, to_user=colleague)
    assert conversation.adviser == colleague and conversation.status == ConversationStatus.ACTIVE
    services.conversation_transfer(conversation=conversation, actor=colleague, to_team=teams["paris"])
    assert conversation.team == teams["paris"] and conversation.status == ConversationStatus.WAITING
    assert conversation.adviser is None


def test_a_chat_cannot_be_transferred_to_someone_outside_its_team(teams, adviser, paris_adviser):
    conversation, _token = _started()
    services.conversation_accept(conversation=conversation, user=adviser)
    with pytest.raises(services.ChatError):
        services.conversation_transfer(conversation=conversation, actor=adviser, to_user=paris_adviser)


def test_only_the_adviser_holding_a_chat_ends_or_transfers_it(teams, adviser, colleague):
    conversation, _token = _started()
    with pytest.raises(services.ChatError, match="Vous ne tenez pas"):
        services.conversation_transfer(conversation=conversation, actor=adviser, to_team=teams["paris"])
    services.conversation_accept(conversation=conversation, user=adviser)
    with pytest.raises(services.ChatError, match="Vous ne tenez pas"):
        services.conversation_end(conversation=conversation, actor=colleague)
    with pytest.raises(services.ChatError, match="Vous ne tenez pas"):
        services.conversation_transfer(conversation=conversation, actor=colleague, to_user=colleague)
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.ACTIVE and conversation.adviser == adviser


def test_ending_a_chat_makes_a_case_with_the_transcript_and_notes(teams, adviser):
    conversation, _token = _started(ground="nom", domain="logement")
    services.conversation_accept(conversation=conversation, user=adviser)
    services.message_post(conversation_id=conversation.pk, author=Author.VISITOR, body="On m'a refusé un logement.", client_id="v1")
    services.message_post(conversation_id=conversation.pk, author=Author.ADVISER, body="Je vous explique vos droits.", client_id="a1", user=adviser)
    services.note_add(conversation=conversation, author=adviser, body="Probable discrimination au patronyme.")
    services.conversation_end(conversation=conversation, actor=adviser)
    case = conversation.case
    assert case.channel == Channel.CHAT and case.team == teams["nantes"] and case.assigned_to == adviser
    assert "On m'a refusé un logement." in case.narrative and "Je vous explique vos droits." in case.narrative
    assert case.domain_id == "logement" and list(case.plain_grounds.values_list("code", flat=True)) == ["nom"]
    assert Note.objects.get(case=case).body == "Probable discrimination au patronyme."


def test_the_receipt_is_given_once_then_erased(teams, adviser, make_case):
    from recours.casework.selectors import case_for_receipt

    conversation, _token = _started()
    services.conversation_accept(conversation=conversation, user=adviser)
    services.message_post(conversation_id=conversation.pk, author=Author.VISITOR, body="Bonjour", client_id="v1")
    services.conversation_end(conversation=conversation, actor=None)
    receipt = services.receipt_take(conversation.pk)
    assert case_for_receipt(receipt) == conversation.case
    assert services.receipt_take(conversation.pk) == ""


def test_a_chat_where_the_person_never_wrote_makes_no_case(teams):
    conversation, _token = _started()
    services.conversation_end(conversation=conversation, actor=None)
    assert conversation.case is None and conversation.status == ConversationStatus.ENDED


def test_no_message_is_accepted_after_the_end(teams):
    conversation, _token = _started()
    services.conversation_end(conversation=conversation, actor=None)
    with pytest.raises(services.ChatError, match="terminée"):
        services.message_post(conversation_id=conversation.pk, author=Author.VISITOR, body="Encore", client_id="late")
