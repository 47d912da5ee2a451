"""Abandoned chats end, and chats that did not become a case do not outlive their retention period."""

import datetime as dt

from django.utils import timezone

from recours.casework.models import Case
from recours.chat import services
from recours.chat.jobs import chat_purge_job, chat_stale_job
from recours.chat.models import Author, ChatMessage, ChatNote, Conversation, ConversationStatus
from recours.core.periodic import jobs_discover, run_periodic


def _silent_for(conversation, minutes):
    Conversation.objects.filter(pk=conversation.pk).update(
        visitor_seen_at=timezone.now() - dt.timedelta(minutes=minutes)
    )


def _visitor_says(conversation, body, cid="v"):
    services.message_post(conversation_id=conversation.pk, author=Author.VISITOR, body=body, client_id=cid)


def test_the_chat_jobs_are_scheduled(db):
    jobs = jobs_discover()
    assert jobs["chat.stale"].every == dt.timedelta(minutes=5)
    assert jobs["chat.purge"].every == dt.timedelta(days=1)


def test_a_chat_whose_visitor_went_silent_is_ended_by_the_periodic_job(adviser, teams, settings):
    settings.RECOURS_CHAT_STALE_MINUTES = 30
    silent, _token = services.conversation_start(postal_code="44000")
    alive, _token = services.conversation_start(postal_code="44000")
    _silent_for(silent, 31)
    _silent_for(alive, 29)
    assert "chat.stale" in run_periodic(only=("chat.stale",))
    silent.refresh_from_db()
    alive.refresh_from_db()
    assert silent.status == ConversationStatus.ENDED and alive.status == ConversationStatus.WAITING
    last = ChatMessage.objects.filter(conversation=silent).order_by("seq").last()
    assert last.body == "La conversation est terminée : la personne n'a plus donné de nouvelles."


def test_an_abandoned_chat_keeps_what_the_person_wrote_in_a_case(adviser, teams):
    conversation, _token = services.conversation_start(postal_code="44000")
    services.conversation_accept(conversation=conversation, user=adviser)
    _visitor_says(conversation, "On m'a refusé un logement.")
    services.note_add(conversation=conversation, author=adviser, body="À rappeler.")
    _silent_for(conversation, 24 * 60)
    chat_stale_job()
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.ENDED and conversation.case is not None
    assert "On m'a refusé un logement." in conversation.case.narrative
    assert conversation.case.team == teams["nantes"] and conversation.case.assigned_to == adviser


def test_a_chat_ended_without_a_case_is_purged_after_its_retention_period(adviser, teams, settings):
    settings.RECOURS_CHAT_RETENTION_MONTHS = 3
    conversation, _token = services.conversation_start(postal_code="44000")
    services.conversation_accept(conversation=conversation, user=adviser)
    services.note_add(conversation=conversation, author=adviser, body="Personne partie sans rien dire.")
    services.conversation_end(conversation=conversation, actor=adviser)
    chat_purge_job(now=timezone.now() + dt.timedelta(days=80))
    assert Conversation.objects.filter(pk=conversation.pk).exists()
    chat_purge_job(now=timezone.now() + dt.timedelta(days=100))
    assert not Conversation.objects.filter(pk=conversation.pk).exists()
    assert not ChatMessage.objects.filter(conversation_id=conversation.pk).exists()
    assert not ChatNote.objects.exists()


def test_ten_years_on_no_chat_message_is_left_without_a_case(adviser, teams):
    waiting_silent, _t = services.conversation_start(postal_code="44000")
    waiting_wrote, _t = services.conversation_start(postal_code="44000")
    _visitor_says(waiting_wrote, "Je reviendrai.")
    active_silent, _t = services.conversation_start(postal_code="44000")
    services.conversation_accept(conversation=active_silent, user=adviser)
    services.message_post(conversation_id=active_silent.pk, author=Author.ADVISER, body="Bonjour ?", client_id="a",
                          user=adviser)
    ended_empty, _t = services.conversation_start(postal_code="44000")
    services.conversation_end(conversation=ended_empty, actor=None)
    later = timezone.now() + dt.timedelta(days=3653)

    chat_stale_job(now=later)
    chat_purge_job(now=later)

    assert not ChatMessage.objects.filter(conversation__case__isnull=True).exists()
    assert not Conversation.objects.exclude(status=ConversationStatus.ENDED).exists()
    # What the person wrote was not lost: it is in a case.
    kept = Conversation.objects.get()
    assert kept.pk == waiting_wrote.pk and "Je reviendrai." in Case.objects.get(pk=kept.case_id).narrative
