"""Writes of the chat. Every message is stored (encrypted) here before anyone is told of it."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from recours.accounts.models import Team
from recours.accounts.routing import team_for_place
from recours.casework.services import ReportInput, case_create_from_chat
from recours.chat.models import Author, ChatMessage, ChatNote, Conversation, ConversationStatus, Presence
from recours.chat import notify
from recours.chat.selectors import active_count, conversation_held_by, token_hash, transcript_text
from recours.core import ratelimit
from recours.core.audit import audit_record
from recours.core.i18n import person_language
from recours.geo.selectors import Place, place_resolve_approximate
from recours.taxonomy.models import Domain, PlainGround


class ChatError(Exception):
    """A refusal with a message for the person (in French)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def conversation_place(*, postal_code: str = "", commune: str | None = None, ask: bool = False) -> Place:
    """The visitor's place by the one policy of every channel (geo.selectors.place_resolve),
    the postal code possibly approximate (its first digits: the département). `ask`: a code
    with several communes and no answer yet is refused on "commune", to offer them."""
    return place_resolve_approximate(postal_code, commune=commune, ask=ask)


def conversation_report_place(conversation: Conversation) -> dict:
    """The place of the chat's case (ReportInput's postal_code, commune, departement), by the
    same policy: the code, its commune if known, else the département of the code or of its
    first digits. A place the data no longer know (a code gone since) leaves the case without one:
    the end of a chat never fails."""
    place = conversation_place(postal_code=conversation.postal_code, commune=conversation.commune_id)
    if place.error:
        place = Place()
    return {"postal_code": place.postal_code, "commune": place.commune_id, "departement": place.departement_id}


def conversation_team(place: Place) -> Team:
    return team_for_place(place)


def conversation_start(
    *, postal_code: str = "", commune: str | None = None, ground: str = "", domain: str = "", team: Team | None = None,
    language: str | None = None,
) -> tuple[Conversation, str]:
    """Join a waiting list; returns the conversation and the visitor's token.

    A place the policy refuses (an unknown code, a commune outside the code) is a ChatError.
    `team`: the team that answers (`selectors.chat_status` went up the place's chain to a team
    with an adviser present); by default the team covering the place."""
    place = conversation_place(postal_code=postal_code, commune=commune)
    if place.error:
        raise ChatError(place.error)
    team = team or conversation_team(place)
    token = secrets.token_urlsafe(32)
    conversation = Conversation.objects.create(
        team=team,
        visitor_token_hash=token_hash(token),
        postal_code="".join(ch for ch in (postal_code or "") if ch.isdigit())[:5],
        commune=place.commune,
        plain_ground=PlainGround.objects.filter(pk=ground, active=True).first() if ground else None,
        domain=Domain.objects.filter(pk=domain, active=True).first() if domain else None,
        waiting_since=timezone.now(),
        visitor_seen_at=timezone.now(),
        language=person_language(language or translation.get_language()),
    )
    return conversation, token


def conversation_visitor_seen(*, conversation_id: int) -> None:
    """The visitor's page is still there (it wrote, typed or asked for news)."""
    Conversation.objects.filter(pk=conversation_id).exclude(status=ConversationStatus.ENDED).update(
        visitor_seen_at=timezone.now()
    )


def _body_check(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ChatError(_("Le message est vide."))
    if len(body) > settings.RECOURS_CHAT_MESSAGE_MAX_CHARS:
        raise ChatError(
            _("Votre message est trop long : %(max)d caractères au maximum. Coupez-le en plusieurs messages.")
            % {"max": settings.RECOURS_CHAT_MESSAGE_MAX_CHARS}
        )
    return body


def message_rate_allowed(*, conversation_id: int, author: str, client_key: str = "") -> bool:
    """Count one message against the flood limits; False when over one of them.

    Kept in the database (recours.core.ratelimit), keyed to the conversation and its side
    (visitor or adviser), and for a visitor also to the client (keyed hash of the address):
    neither a new connection nor a new conversation starts a fresh count.
    """
    window = settings.RECOURS_CHAT_RATE_SECONDS
    allowed = ratelimit.hit(
        ratelimit.RateLimit("chat-conversation", settings.RECOURS_CHAT_RATE_MESSAGES, window),
        f"{conversation_id}:{author}",
    )
    if client_key:
        allowed = ratelimit.hit(
            ratelimit.RateLimit("chat-client", settings.RECOURS_CHAT_RATE_MESSAGES_PER_CLIENT, window), client_key
        ) and allowed
    return allowed


def conversation_start_allowed(*, client_key: str) -> bool:
    """Count a new chat against the client's budget of new reports (the written form's, shared).

    A chat may become a case, so it takes its place in the budget when it starts: beyond it
    the visitor is told so before typing anything, and no case is ever refused at the end of
    a conversation (what the person wrote is never lost).
    """
    return ratelimit.hit(ratelimit.report_limit(), client_key)


def message_post(*, conversation_id: int, author: str, body: str, client_id: str, user=None) -> tuple[ChatMessage, bool]:
    """Store a message and give it the conversation's next id. A resent message (same client id) is stored once.

    Returns (message, created). Refused (ChatError) when the conversation has ended.
    """
    client_id = (client_id or "")[:64] or secrets.token_hex(8)
    existing = ChatMessage.objects.filter(conversation_id=conversation_id, author=author, client_id=client_id).first()
    if existing:
        return existing, False
    body = _body_check(body) if author != Author.SYSTEM else body
    try:
        with transaction.atomic():
            # The update takes the row's lock: ids are given one at a time, in order.
            updated = Conversation.objects.filter(pk=conversation_id).exclude(status=ConversationStatus.ENDED).update(
                last_seq=F("last_seq") + 1
            )
            if not updated:
                raise ChatError(_("Cette conversation est terminée."))
            seq = Conversation.objects.filter(pk=conversation_id).values_list("last_seq", flat=True).get()
            message = ChatMessage.objects.create(
                conversation_id=conversation_id, seq=seq, author=author, author_user=user, client_id=client_id, body=body
            )
    except IntegrityError:  # the same message, resent at the same moment through another connection
        existing = ChatMessage.objects.filter(conversation_id=conversation_id, author=author, client_id=client_id).first()
        if existing is None:
            raise
        return existing, False
    return message, True


def _system_message(conversation: Conversation, body) -> ChatMessage:
    """A fixed text of the chat, stored in the visitor's language (`body` is a lazy translation)."""
    with translation.override(person_language(conversation.language)):
        body = str(body)
    message, _created = message_post(
        conversation_id=conversation.pk, author=Author.SYSTEM, body=body, client_id=secrets.token_hex(8)
    )
    return message


def _is_member(user, team: Team) -> bool:
    return user.is_active and team.active and team.memberships.filter(user=user).exists()


def conversation_accept(*, conversation: Conversation, user) -> Conversation:
    """Take a waiting chat. Refused beyond RECOURS_CHAT_MAX_ACTIVE per adviser, or if someone took it first."""
    if not _is_member(user, conversation.team):
        raise ChatError(_("Cette conversation n'est pas dans la file de vos équipes."))
    if active_count(user) >= settings.RECOURS_CHAT_MAX_ACTIVE:
        raise ChatError(
            _("Vous tenez déjà %(max)d conversations : terminez-en une avant d'en prendre une autre.")
            % {"max": settings.RECOURS_CHAT_MAX_ACTIVE}
        )
    now = timezone.now()
    with transaction.atomic():
        taken = Conversation.objects.filter(pk=conversation.pk, status=ConversationStatus.WAITING).update(
            status=ConversationStatus.ACTIVE, adviser=user, accepted_at=now
        )
        if not taken:
            raise ChatError(_("Cette conversation a déjà été prise par quelqu'un d'autre, ou elle est terminée."))
        conversation.refresh_from_db()
        _system_message(conversation, gettext_lazy("Un·e conseiller·ère a rejoint la conversation."))
        audit_record(actor=user, action="chat.accept", conversation=conversation.pk)
    notify.conversation_changed(conversation)
    return conversation


def conversation_transfer(*, conversation: Conversation, actor, to_user=None, to_team: Team | None = None) -> Conversation:
    """Hand an active chat its adviser holds to a colleague of its team, or put it in the waiting
    list of another team."""
    if conversation.status == ConversationStatus.ENDED:
        raise ChatError(_("Cette conversation est terminée."))
    if not _is_member(actor, conversation.team):
        raise ChatError(_("Cette conversation n'est pas dans la file de vos équipes."))
    if not conversation_held_by(conversation, actor):
        raise ChatError(_("Vous ne tenez pas cette conversation."))
    before_team = conversation.team_id
    with transaction.atomic():
        if to_user is not None:
            if not _is_member(to_user, conversation.team):
                raise ChatError(_("Cette personne n'appartient pas à l'équipe de la conversation."))
            if active_count(to_user) >= settings.RECOURS_CHAT_MAX_ACTIVE:
                raise ChatError(_("Cette personne tient déjà le nombre maximal de conversations."))
            Conversation.objects.filter(pk=conversation.pk).update(
                adviser=to_user, status=ConversationStatus.ACTIVE, accepted_at=timezone.now()
            )
            detail = {"to_user": to_user.pk}
        elif to_team is not None and to_team.active:
            Conversation.objects.filter(pk=conversation.pk).update(
                team=to_team, adviser=None, status=ConversationStatus.WAITING, waiting_since=timezone.now()
            )
            detail = {"to_team": to_team.pk}
        else:
            raise ChatError(_("Choisissez une personne ou une équipe."))
        conversation.refresh_from_db()
        _system_message(conversation, gettext_lazy("Votre conversation est transmise à un·e autre conseiller·ère. Restez sur cette page."))
        audit_record(actor=actor, action="chat.transfer", conversation=conversation.pk, **detail)
    notify.conversation_changed(conversation, team_ids=(before_team,))
    return conversation


def note_add(*, conversation: Conversation, author, body: str) -> ChatNote:
    """An internal note on a live chat. Once it has ended, notes go to the case (its notes were copied there)."""
    if Conversation.objects.filter(pk=conversation.pk, status=ConversationStatus.ENDED).exists():
        raise ChatError(_("Cette conversation est terminée : écrivez votre note dans le dossier."))
    body = (body or "").strip()
    if not body:
        raise ChatError(_("Écrivez votre note."))
    if len(body) > settings.RECOURS_MESSAGE_MAX_CHARS:
        raise ChatError(_("La note est trop longue."))
    note = ChatNote.objects.create(conversation=conversation, author=author, body=body)
    audit_record(actor=author, action="chat.note", conversation=conversation.pk, note=note.pk)
    return note


def conversation_end(*, conversation: Conversation, actor=None, stale: bool = False) -> Conversation:
    """End the chat (adviser: `actor`, who must hold it; visitor: None; `stale`: the visitor's page
    went silent, see `conversations_end_stale`). A chat where the person wrote becomes a case
    with its transcript. The pages of the chat and the team's queue are told once it is done.

    The case's receipt is kept (encrypted) until the visitor's page has shown it.
    """
    if actor is not None and not conversation_held_by(conversation, actor):
        if conversation.status == ConversationStatus.ENDED:
            raise ChatError(_("Cette conversation est déjà terminée."))
        raise ChatError(_("Vous ne tenez pas cette conversation."))
    with transaction.atomic():
        ended = Conversation.objects.filter(pk=conversation.pk).exclude(status=ConversationStatus.ENDED)
        if actor is not None:
            # Read by the person first: said to them (the transcript in the case keeps it too).
            _system_message(conversation, gettext_lazy("La conseillère ou le conseiller a mis fin à la conversation."))
        elif stale:
            _system_message(conversation, gettext_lazy("La conversation est terminée : la personne n'a plus donné de nouvelles."))
        else:
            _system_message(conversation, gettext_lazy("La conversation est terminée."))
        if not ended.update(status=ConversationStatus.ENDED, ended_at=timezone.now()):
            raise ChatError(_("Cette conversation est déjà terminée."))
        conversation.refresh_from_db()
    person_wrote = conversation.messages.filter(author=Author.VISITOR).exists()
    if person_wrote:

        def link(case, receipt):  # in the case's own transaction (casework.services.case_create_from_chat)
            Conversation.objects.filter(pk=conversation.pk).update(case=case, receipt_pending=receipt)
            audit_record(actor=actor, action="chat.end", case=case, conversation=conversation.pk, stale=stale)

        case_create_from_chat(
            report=ReportInput(
                role=settings.RECOURS_CHAT_DEFAULT_ROLE,
                narrative=transcript_text(conversation),
                details={"chat_conversation": conversation.pk},
                **conversation_report_place(conversation),
                plain_grounds=(conversation.plain_ground_id,) if conversation.plain_ground_id else (),
                criteria=tuple(
                    conversation.plain_ground.criteria.values_list("code", flat=True)
                ) if conversation.plain_ground_id else (),
                grounds_unknown=not conversation.plain_ground_id,
                domain=conversation.domain_id,
                language=conversation.language,
            ),
            # The case stays with the team and adviser who held the chat (transfers included).
            team=conversation.team, adviser=conversation.adviser,
            notes=tuple((note.author, note.body) for note in conversation.notes.all()),
            then=link,
        )
        conversation.refresh_from_db()
    else:
        audit_record(actor=actor, action="chat.end", conversation=conversation.pk, stale=stale)
    notify.conversation_changed(conversation)
    return conversation


def conversations_end_stale(*, now=None) -> int:
    """End the waiting or active chats whose visitor's page sent nothing for RECOURS_CHAT_STALE_MINUTES.

    They end as when the person leaves: one where the person wrote becomes a case (what they
    said reaches the team, and the page still shows the receipt if it comes back); one where
    they wrote nothing ends without a case, and `conversations_purge` deletes it later.
    """
    import datetime as dt

    from django.db.models.functions import Coalesce

    now = now or timezone.now()
    cutoff = now - dt.timedelta(minutes=settings.RECOURS_CHAT_STALE_MINUTES)
    stale = (
        Conversation.objects.exclude(status=ConversationStatus.ENDED)
        .annotate(seen=Coalesce("visitor_seen_at", "created_at"))
        .filter(seen__lt=cutoff)
        .order_by("pk")
    )
    ended = 0
    for conversation in stale:
        try:
            conversation_end(conversation=conversation, actor=None, stale=True)
        except ChatError:  # ended meanwhile by the visitor or the adviser
            continue
        ended += 1
    return ended


def _months_before(moment, months: int):
    year, month = divmod(moment.month - 1 - months, 12)
    return moment.replace(year=moment.year + year, month=month + 1, day=min(moment.day, 28))


def conversations_purge(*, now=None) -> int:
    """Delete the ended chats that did not become a case, RECOURS_CHAT_RETENTION_MONTHS after their end.

    Their messages and notes go with them (cascade). A chat that became a case stays as long
    as its case: the retention purge of cases deletes it with the case.
    """
    now = now or timezone.now()
    cutoff = _months_before(now, settings.RECOURS_CHAT_RETENTION_MONTHS)
    old = Conversation.objects.filter(status=ConversationStatus.ENDED, case__isnull=True, ended_at__lt=cutoff)
    count = old.count()
    old.delete()
    return count


def receipt_take(conversation_id: int) -> str:
    """The receipt of the case made from the chat, once: it is erased as it is read."""
    with transaction.atomic():
        row = Conversation.objects.select_for_update().filter(pk=conversation_id).first()
        if row is None or not row.receipt_pending:
            return ""
        receipt = row.receipt_pending
        Conversation.objects.filter(pk=conversation_id).update(receipt_pending="")
    return receipt


def presence_beat(user) -> None:
    Presence.objects.update_or_create(user=user, defaults={"last_seen_at": timezone.now()})


def availability_set(*, user, status: str) -> None:
    """The adviser's own status (identity bar of the console): busy or away takes them out of
    the chat's availability (`selectors.chat_status`) while their console stays open."""
    from recours.chat.models import Availability, AvailabilityStatus

    if status not in AvailabilityStatus.values:
        raise ValueError(f"Unknown availability {status!r}")
    Availability.objects.update_or_create(user=user, defaults={"status": status})


def presence_leave(user) -> None:
    Presence.objects.filter(user=user).delete()


def on_case_purging(sender, *, case, **kwargs) -> None:
    """A case is purged (casework.services.case_purge, signal `case_purging`): the conversation
    that became it goes too. Its link is SET_NULL, so the case's deletion alone would only
    detach it, with what the person said."""
    Conversation.objects.filter(case=case).delete()
