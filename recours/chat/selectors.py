"""Reads of the chat: availability, the queue, the messages after an id, the advisers present."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from recours.accounts.models import Team
from recours.chat.hours import Slot, is_open, next_opening, team_slots
from recours.chat.models import ChatMessage, Conversation, ConversationStatus, Presence


def token_hash(token: str) -> str:
    return hashlib.sha256((token or "").encode()).hexdigest()


def conversation_for_token(token: str) -> Conversation | None:
    if not token or len(token) > 100:
        return None
    return Conversation.objects.filter(visitor_token_hash=token_hash(token)).first()


def messages_after(conversation_id: int, after: int) -> list[ChatMessage]:
    return list(ChatMessage.objects.filter(conversation_id=conversation_id, seq__gt=after).order_by("seq"))


def advisers_present(team: Team) -> QuerySet:
    """Members of `team` whose chat console sent a heartbeat within RECOURS_CHAT_PRESENCE_SECONDS."""
    since = timezone.now() - dt.timedelta(seconds=settings.RECOURS_CHAT_PRESENCE_SECONDS)
    return Presence.objects.filter(last_seen_at__gte=since, user__memberships__team=team, user__is_active=True)


@dataclass(frozen=True)
class Availability:
    open: bool  # within the team's hours
    present: bool  # at least one adviser of the team online
    slots: list[Slot]
    next_opening: dt.datetime | None

    @property
    def available(self) -> bool:
        return self.open and self.present


def availability(team: Team, *, now: dt.datetime | None = None) -> Availability:
    now = now or timezone.now()
    slots = team_slots(team)
    open_now = is_open(slots, now)
    return Availability(open_now, open_now and advisers_present(team).exists(), slots, next_opening(slots, now))


def wait_estimate_minutes(conversation: Conversation) -> int:
    """Roughly how long before an adviser joins: the visitors ahead, shared by the advisers present."""
    ahead = Conversation.objects.filter(
        team_id=conversation.team_id, status=ConversationStatus.WAITING, waiting_since__lte=conversation.waiting_since
    ).count()
    advisers = max(1, advisers_present(conversation.team).count())
    return max(1, math.ceil(ahead * settings.RECOURS_CHAT_MINUTES_PER_VISITOR / advisers))


def chat_queue(user) -> dict[str, list[Conversation]]:
    """The chats of the user's teams: waiting ones (longest wait first) and the active ones."""
    from recours.accounts.selectors import teams_of

    teams = teams_of(user)
    base = Conversation.objects.filter(team__in=teams).select_related("team", "adviser", "commune", "domain")
    return {
        "waiting": list(base.filter(status=ConversationStatus.WAITING).order_by("waiting_since", "pk")),
        "active": list(base.filter(status=ConversationStatus.ACTIVE).order_by("waiting_since", "pk")),
    }


def conversation_for_staff(user, pk: int) -> Conversation | None:
    """A conversation of one of the user's teams (None otherwise: another team's chat is a 404)."""
    from recours.accounts.selectors import teams_of

    return Conversation.objects.filter(pk=pk, team__in=teams_of(user)).select_related("team", "adviser").first()


def active_count(user) -> int:
    return Conversation.objects.filter(adviser=user, status=ConversationStatus.ACTIVE).count()


def colleagues_for_transfer(conversation: Conversation, user) -> QuerySet:
    from django.contrib.auth import get_user_model

    return (
        get_user_model().objects.filter(is_active=True, memberships__team=conversation.team)
        .exclude(pk=user.pk).order_by("username").distinct()
    )


def teams_for_transfer(conversation: Conversation) -> QuerySet[Team]:
    return Team.objects.filter(active=True).exclude(pk=conversation.team_id).order_by("name")


def transcript_text(conversation: Conversation) -> str:
    """The conversation as plain text (Paris time), for the case."""
    from recours.chat.hours import PARIS
    from recours.chat.models import Author

    labels = {Author.VISITOR: "Personne", Author.ADVISER: "Conseiller·ère", Author.SYSTEM: "Information"}
    lines = []
    for message in ChatMessage.objects.filter(conversation=conversation).order_by("seq"):
        at = message.created_at.astimezone(PARIS).strftime("%d/%m/%Y %H:%M")
        lines.append(f"[{at}] {labels.get(message.author, message.author)} : {message.body}")
    return "\n".join(lines)
