"""Writes of the chat. Every message is stored (encrypted) here before anyone is told of it."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from recours.accounts.models import Team
from recours.accounts.routing import team_for_location
from recours.casework.models import Channel, Note
from recours.casework.services import ReportInput, case_create_from_report
from recours.chat.models import Author, ChatMessage, ChatNote, Conversation, ConversationStatus, Presence
from recours.chat.selectors import active_count, token_hash, transcript_text
from recours.core.audit import audit_record
from recours.geo.models import Commune
from recours.geo.selectors import communes_for_postal_code
from recours.taxonomy.models import Domain, PlainGround


class ChatError(Exception):
    """A refusal with a message for the person (in French)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def commune_for_approximate_postal_code(postal_code: str) -> Commune | None:
    """A commune for a postal code that may be approximate: exact code, else its département (2 digits)."""
    code = "".join(ch for ch in (postal_code or "") if ch.isdigit())[:5]
    if len(code) == 5:
        communes = communes_for_postal_code(code)
        if communes:
            return communes[0]
    if len(code) >= 2:
        return Commune.objects.filter(departement_id=code[:2], active=True).order_by("insee_code").first()
    return None


def conversation_team(postal_code: str) -> tuple[Team, Commune | None]:
    commune = commune_for_approximate_postal_code(postal_code)
    return team_for_location(commune_id=commune.pk if commune else None), commune


def conversation_start(*, postal_code: str = "", ground: str = "", domain: str = "") -> tuple[Conversation, str]:
    """Join the waiting list of the team covering the place; returns the conversation and the visitor's token."""
    team, commune = conversation_team(postal_code)
    token = secrets.token_urlsafe(32)
    conversation = Conversation.objects.create(
        team=team,
        visitor_token_hash=token_hash(token),
        postal_code="".join(ch for ch in (postal_code or "") if ch.isdigit())[:5],
        commune=commune,
        plain_ground=PlainGround.objects.filter(pk=ground, active=True).first() if ground else None,
        domain=Domain.objects.filter(pk=domain, active=True).first() if domain else None,
        waiting_since=timezone.now(),
    )
    return conversation, token


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


def _system_message(conversation: Conversation, body: str) -> ChatMessage:
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
        _system_message(conversation, _("Un·e conseiller·ère a rejoint la conversation."))
        audit_record(actor=user, action="chat.accept", conversation=conversation.pk)
    return conversation


def conversation_transfer(*, conversation: Conversation, actor, to_user=None, to_team: Team | None = None) -> Conversation:
    """Hand an active chat to a colleague of its team, or put it in the waiting list of another team."""
    if conversation.status == ConversationStatus.ENDED:
        raise ChatError(_("Cette conversation est terminée."))
    if not _is_member(actor, conversation.team):
        raise ChatError(_("Cette conversation n'est pas dans la file de vos équipes."))
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
        _system_message(conversation, _("Votre conversation est transmise à un·e autre conseiller·ère. Restez sur cette page."))
        audit_record(actor=actor, action="chat.transfer", conversation=conversation.pk, **detail)
    return conversation


def note_add(*, conversation: Conversation, author, body: str) -> ChatNote:
    body = (body or "").strip()
    if not body:
        raise ChatError(_("Écrivez votre note."))
    if len(body) > settings.RECOURS_MESSAGE_MAX_CHARS:
        raise ChatError(_("La note est trop longue."))
    note = ChatNote.objects.create(conversation=conversation, author=author, body=body)
    audit_record(actor=author, action="chat.note", conversation=conversation.pk, note=note.pk)
    return note


def conversation_end(*, conversation: Conversation, actor=None) -> Conversation:
    """End the chat (adviser: `actor`; visitor: None). A chat where the person wrote becomes a case with its transcript.

    The case's receipt is kept (encrypted) until the visitor's page has shown it.
    """
    with transaction.atomic():
        ended = Conversation.objects.filter(pk=conversation.pk).exclude(status=ConversationStatus.ENDED)
        if actor is not None:
            _system_message(conversation, _("La conversation est terminée par le·la conseiller·ère."))
        else:
            _system_message(conversation, _("La personne a quitté la conversation."))
        if not ended.update(status=ConversationStatus.ENDED, ended_at=timezone.now()):
            raise ChatError(_("Cette conversation est déjà terminée."))
        conversation.refresh_from_db()
    person_wrote = conversation.messages.filter(author=Author.VISITOR).exists()
    if person_wrote:
        case, receipt = case_create_from_report(
            report=ReportInput(
                role=settings.RECOURS_CHAT_DEFAULT_ROLE,
                narrative=transcript_text(conversation),
                details={"chat_conversation": conversation.pk},
                postal_code=conversation.postal_code if len(conversation.postal_code) == 5 else "",
                commune=conversation.commune_id,
                plain_grounds=(conversation.plain_ground_id,) if conversation.plain_ground_id else (),
                criteria=tuple(
                    conversation.plain_ground.criteria.values_list("code", flat=True)
                ) if conversation.plain_ground_id else (),
                grounds_unknown=not conversation.plain_ground_id,
                domain=conversation.domain_id,
            ),
            channel=Channel.CHAT,
        )
        with transaction.atomic():
            from recours.casework.models import Case

            # The case stays with the team and adviser who held the chat (transfers included).
            Case.objects.filter(pk=case.pk).update(team=conversation.team, assigned_to=conversation.adviser)
            Note.objects.bulk_create(
                [Note(case=case, author=note.author, body=note.body) for note in conversation.notes.all()]
            )
            Conversation.objects.filter(pk=conversation.pk).update(case=case, receipt_pending=receipt)
            audit_record(actor=actor, action="chat.end", case=case, conversation=conversation.pk)
        conversation.refresh_from_db()
    else:
        audit_record(actor=actor, action="chat.end", conversation=conversation.pk)
    return conversation


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


def presence_leave(user) -> None:
    Presence.objects.filter(user=user).delete()
