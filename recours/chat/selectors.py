"""Reads of the chat: availability, the queue, the messages after an id, the advisers present."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from recours.accounts.models import Team
from recours.chat.hours import Slot, default_slots, is_open, next_opening, weekly_hours
from recours.chat.models import Availability, AvailabilityStatus, ChatMessage, Conversation, ConversationStatus, Presence

# An adviser who said they are busy or away is not present for the chat, heartbeat or not.
_NOT_AVAILABLE = (AvailabilityStatus.BUSY, AvailabilityStatus.AWAY)


def token_hash(token: str) -> str:
    return hashlib.sha256((token or "").encode()).hexdigest()


def conversation_for_token(token: str) -> Conversation | None:
    if not token or len(token) > 100:
        return None
    return Conversation.objects.filter(visitor_token_hash=token_hash(token)).first()


def message_by_client_id(conversation_id: int, author: str, client_id: str) -> ChatMessage | None:
    """A message already stored under this sender's id (a resend after a cut)."""
    if not client_id:
        return None
    return ChatMessage.objects.filter(conversation_id=conversation_id, author=author, client_id=client_id).first()


def messages_after(conversation_id: int, after: int) -> list[ChatMessage]:
    return list(ChatMessage.objects.filter(conversation_id=conversation_id, seq__gt=after).order_by("seq"))


def advisers_present(team: Team) -> QuerySet:
    """Members of `team` whose chat console sent a heartbeat within RECOURS_CHAT_PRESENCE_SECONDS."""
    since = timezone.now() - dt.timedelta(seconds=settings.RECOURS_CHAT_PRESENCE_SECONDS)
    return Presence.objects.filter(last_seen_at__gte=since, user__memberships__team=team, user__is_active=True).exclude(
        user__chat_availability__status__in=_NOT_AVAILABLE
    )


def availability_of(user) -> str:
    """The adviser's own status (AvailabilityStatus): available unless they said otherwise."""
    status = Availability.objects.filter(user=user).values_list("status", flat=True).first()
    return status or AvailabilityStatus.AVAILABLE


class ChatState:
    """What the chat can do right now for a person (see `chat_status`)."""

    AVAILABLE = "available"  # an adviser of a team of the place's chain is present, within its hours
    ELSEWHERE = "elsewhere"  # place unknown: advisers are present for some places, not for all
    NOBODY = "nobody"  # within opening hours, but no adviser of the chain is present
    CLOSED = "closed"  # outside every team's hours (next_opening says when)


@dataclass(frozen=True)
class ChatStatus:
    state: str
    team: Team | None  # the team that would answer (AVAILABLE), None otherwise
    local_team: Team  # the first team of the chain: the one the place belongs to
    zone: ZoneInfo  # the person's time zone (from the place's département)
    weekly: dict[int, list[tuple[int, int]]]  # the hours, in `zone` (hours.weekly_hours)
    next_opening: dt.datetime | None  # when CLOSED: the next opening, in the future, in `zone`
    at: dt.datetime  # the moment this answer is about

    @property
    def available(self) -> bool:
        return self.state == ChatState.AVAILABLE

    @property
    def escalated(self) -> bool:
        """Someone answers, but from a team above the place's own (told in general words)."""
        return self.team is not None and self.team.pk != self.local_team.pk


def _present_team_ids(teams: list[Team], now: dt.datetime) -> set[int]:
    from recours.accounts.models import Membership

    since = now - dt.timedelta(seconds=settings.RECOURS_CHAT_PRESENCE_SECONDS)
    return set(
        Membership.objects.filter(team__in=teams, user__is_active=True, user__chat_presence__last_seen_at__gte=since)
        .exclude(user__chat_availability__status__in=_NOT_AVAILABLE)
        .values_list("team_id", flat=True)
    )


def _slots_by_team(teams: list[Team]) -> dict[int, list[Slot]]:
    """Each team's weekly slots (its own, else RECOURS_CHAT_HOURS), in one query."""
    from recours.chat.models import OpeningHours

    own: dict[int, list[Slot]] = {}
    for row in OpeningHours.objects.filter(team__in=teams):
        own.setdefault(row.team_id, []).append(Slot(row.weekday, row.opens_at, row.closes_at))
    default = default_slots()
    return {team.pk: own.get(team.pk, default) for team in teams}


def chat_status(
    *, commune_id: str | None = None, departement_id: str | None = None, place_known: bool = True,
    now: dt.datetime | None = None, first_team: Team | None = None,
) -> ChatStatus:
    """Is someone available now for this place, else why not and when next: the one answer every
    entry to the chat (home, header, follow-up, form) and the visitor's socket ask for.

    A place goes up its chain of teams (`accounts.routing.team_chain_for_commune`: commune →
    département → région → national) until a team within its hours has an adviser present.
    `place_known=False` (a page that knows nothing of the person): available only if the
    national team, the end of every chain, is; ELSEWHERE if some other team is.
    `first_team`: a chat started at a team's local entry (/l/<slug>/) asks that team first,
    then goes up the place's chain.
    """
    from recours.accounts.routing import team_chain_for_commune
    from recours.geo.timezones import timezone_for_departement

    now = now or timezone.now()
    if place_known:
        chain = team_chain_for_commune(commune_id, departement_id=departement_id)
    else:
        national = team_chain_for_commune(None)[0]
        chain = [national, *Team.objects.filter(active=True).exclude(pk=national.pk).order_by("pk")]
    if first_team is not None:
        chain = [first_team, *(team for team in chain if team.pk != first_team.pk)]
    departement = departement_id
    if commune_id:
        from recours.geo.models import Commune

        departement = Commune.objects.filter(pk=commune_id).values_list("departement_id", flat=True).first()
    zone = timezone_for_departement(departement)
    slots_by_team = _slots_by_team(chain)
    open_teams = [team for team in chain if is_open(slots_by_team[team.pk], now)]
    present = _present_team_ids(open_teams, now) if open_teams else set()
    answering = next((team for team in open_teams if team.pk in present), None)
    if answering is not None and not place_known and answering.pk != chain[0].pk:
        state, answering = ChatState.ELSEWHERE, None
    elif answering is not None:
        state = ChatState.AVAILABLE
    else:
        state = ChatState.NOBODY if open_teams else ChatState.CLOSED
    upcoming = None
    if state == ChatState.CLOSED:
        # Never "now": nothing is open, so every next opening is in the future.
        openings = [when for team in chain if (when := next_opening(slots_by_team[team.pk], now)) is not None]
        upcoming = min(openings).astimezone(zone) if openings else None
    all_slots = [slot for slots in slots_by_team.values() for slot in slots]
    return ChatStatus(state, answering, chain[0], zone, weekly_hours(all_slots, zone, now), upcoming, now)


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


def waiting_count(user) -> int:
    """The chats waiting in the user's teams (the count every console page announces)."""
    from recours.accounts.selectors import teams_of

    return Conversation.objects.filter(team__in=teams_of(user), status=ConversationStatus.WAITING).count()


def conversations_visible_to(user) -> QuerySet[Conversation]:
    """The conversations a user may read: the one gate of every chat page, action and socket.

    A conversation that became a case follows its case (`casework.selectors.cases_visible_to`,
    the single visibility gate of cases): once the case is transferred, the former team no
    longer reads the transcript nor its notes. A conversation without a case stays with the
    team it is routed to.
    """
    from django.db.models import Q

    from recours.accounts.selectors import teams_of
    from recours.casework.selectors import cases_visible_to

    return Conversation.objects.filter(
        Q(case__isnull=True, team__in=teams_of(user)) | Q(case__in=cases_visible_to(user))
    )


def conversation_for_staff(user, pk: int) -> Conversation | None:
    """A conversation the user may read (None otherwise: another team's chat is a 404)."""
    return conversations_visible_to(user).filter(pk=pk).select_related("team", "adviser").first()


def conversation_held_by(conversation: Conversation, user) -> bool:
    """Whether the user holds the chat: its adviser, while it is active (who may write in it, transfer or end it)."""
    return (
        user is not None and conversation.adviser_id == user.pk and conversation.status == ConversationStatus.ACTIVE
    )


def canned_answers(user, conversation: Conversation) -> list[tuple[str, str]]:
    """The legal answer library (casework), filled for this chat: (title, text) pairs.

    A chat has no case yet: {reference} is left empty (the case is made at the end).
    """
    from recours.casework.answers import body_render, placeholder_values
    from recours.casework.selectors import answer_templates_for

    values = placeholder_values(user=user, team_name=conversation.team.name if conversation.team_id else "")
    return [(template.title, body_render(template.body, values)) for template in answer_templates_for(user)]


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
