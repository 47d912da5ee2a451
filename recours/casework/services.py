"""Writes on cases: creation from a report, messages, attachments."""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from recours.accounts.routing import team_for_location
from recours.casework.attachments import attachment_check, safe_filename
from recours.casework.models import Attachment, Case, Channel, Message, MessageAuthor, Note, Status
from recours.core.audit import audit_record
from recours.core.receipts import receipt_generate, receipt_hash


@dataclass(frozen=True)
class ReportInput:
    """A report checked and ready to store (built by intake.services.report_clean)."""

    role: str
    narrative: str
    details: dict = field(default_factory=dict)
    postal_code: str = ""
    commune: str | None = None  # INSEE code
    online: bool = False
    occurred_on: dt.date | None = None
    period: str = ""
    plain_grounds: tuple[str, ...] = ()
    criteria: tuple[str, ...] = ()
    grounds_unknown: bool = False
    domain: str | None = None
    steps_taken: tuple[str, ...] = ()
    contact: dict = field(default_factory=dict)
    notify_by_email: bool = False
    attachment_ids: tuple[int, ...] = ()


def attachment_create(*, name: str, data: bytes) -> Attachment:
    """Store a checked file, encrypted, belonging to no case yet."""
    content_type = attachment_check(name=name, data=data)
    return Attachment.objects.create(
        filename=safe_filename(name, content_type), content_type=content_type, size=len(data), data=data
    )


def case_create_from_report(*, report: ReportInput, channel: str = Channel.FORM) -> tuple[Case, str]:
    """Create a case from a checked report; returns the case and its receipt (shown once, never stored)."""
    # 10^16 codes: a collision is never expected; the unique constraint would refuse one.
    receipt = receipt_generate()
    # The slow hash runs before the transaction, so no database connection waits on it.
    digest = receipt_hash(receipt)
    with transaction.atomic():
        case = _case_insert(report=report, channel=channel, digest=digest)
    return case, receipt


def _case_insert(*, report: ReportInput, channel: str, digest: str) -> Case:
    contact = {k: v for k, v in report.contact.items() if v}
    case = Case.objects.create(
        channel=channel,
        reporter_role_id=report.role,
        narrative=report.narrative,
        details=report.details,
        postal_code=report.postal_code,
        commune_id=report.commune,
        online=report.online,
        team=team_for_location(commune_id=report.commune, online=report.online),
        occurred_on=report.occurred_on,
        occurred_period=report.period,
        grounds_unknown=report.grounds_unknown,
        domain_id=report.domain,
        steps_taken=list(report.steps_taken),
        contact=contact,
        has_contact=bool(contact.get("email") or contact.get("phone")),
        notify_by_email=report.notify_by_email and bool(contact.get("email")),
        consent_at=timezone.now(),
        receipt_hash=digest,
    )
    # A new case has no links yet: insert them in one statement each, without set()'s diff.
    Case.plain_grounds.through.objects.bulk_create(
        [Case.plain_grounds.through(case=case, plainground_id=code) for code in dict.fromkeys(report.plain_grounds)]
    )
    Case.reported_criteria.through.objects.bulk_create(
        [Case.reported_criteria.through(case=case, criterion_id=code) for code in dict.fromkeys(report.criteria)]
    )
    if report.attachment_ids:
        claimed = Attachment.objects.filter(pk__in=report.attachment_ids, case__isnull=True).update(case=case)
        if claimed != len(set(report.attachment_ids)):
            raise ValidationError({"attachments": _("Une pièce jointe est introuvable ; ajoutez-la à nouveau.")})
    return case


@transaction.atomic
def message_add_by_person(*, case: Case, body: str, uploads: tuple[tuple[str, bytes], ...] = ()) -> Message:
    """A message from the person, with files given as (name, content): all stored, or nothing."""
    body = (body or "").strip()
    if not body and not uploads:
        raise ValidationError({"body": _("Écrivez votre message.")})
    if len(body) > settings.RECOURS_MESSAGE_MAX_CHARS:
        raise ValidationError(
            {"body": _("Votre message est trop long : %(max)d caractères au maximum.")
             % {"max": settings.RECOURS_MESSAGE_MAX_CHARS}}
        )
    message = Message.objects.create(case=case, author=MessageAuthor.PERSON, body=body)
    for name, data in uploads:
        try:
            attachment = attachment_create(name=name, data=data)
        except ValidationError as exc:
            raise ValidationError({"file": exc.messages}) from exc
        Attachment.objects.filter(pk=attachment.pk).update(case=case, message=message)
    Case.objects.filter(pk=case.pk).update(person_last_seen_at=timezone.now(), updated_at=timezone.now())
    return message


def message_add_by_adviser(*, case: Case, body: str, user=None) -> Message:
    """A reply to the person (the adviser console calls this)."""
    return Message.objects.create(case=case, author=MessageAuthor.ADVISER, author_user=user, body=body.strip())


def attachments_purge_orphans(*, older_than: dt.timedelta = dt.timedelta(days=1)) -> int:
    """Delete files uploaded to reports that were never sent."""
    deleted, _ = Attachment.objects.filter(case__isnull=True, created_at__lt=timezone.now() - older_than).delete()
    return deleted


# --- The adviser console: every action is audited ------------------------------------


def _body_clean(body: str, *, empty_error: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": empty_error})
    if len(body) > settings.RECOURS_MESSAGE_MAX_CHARS:
        raise ValidationError(
            {"body": _("Le texte est trop long : %(max)d caractères au maximum.") % {"max": settings.RECOURS_MESSAGE_MAX_CHARS}}
        )
    return body


def _new_message_mail_send(*, case: Case, followup_url: str) -> None:
    """Tell the person a message waits on their follow-up page. Never the message itself."""
    from django.core.mail import send_mail

    from recours.core.instance import instance_get

    name = instance_get().name
    subject = _("%(name)s : un nouveau message vous attend") % {"name": name}
    body = _(
        "Bonjour,\n\n"
        "Un nouveau message vous attend sur votre page de suivi :\n%(url)s\n\n"
        "Pour le lire, munissez-vous du code de suivi qui vous a été donné quand vous avez fait votre signalement.\n\n"
        "Ce courriel est envoyé automatiquement : n'y répondez pas.\n%(name)s"
    ) % {"url": followup_url, "name": name}
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [case.contact["email"]])


def case_reply(*, case: Case, body: str, actor, followup_url: str) -> Message:
    """Reply to the person on their follow-up page; tell them by mail if they agreed.

    The reply is saved whatever becomes of the mail; a failed send is recorded in the
    audit trail (retrying it is a background task's job, not done yet).
    """
    body = _body_clean(body, empty_error=_("Écrivez votre réponse."))
    with transaction.atomic():
        message = message_add_by_adviser(case=case, body=body, user=actor)
        Case.objects.filter(pk=case.pk).update(updated_at=timezone.now())
        audit_record(actor=actor, action="case.reply", case=case, message=message.pk)
    email = (case.contact or {}).get("email")
    if case.notify_by_email and email:
        try:
            _new_message_mail_send(case=case, followup_url=followup_url)
        except Exception as exc:  # any backend failure: the reply stays, the failure is recorded
            audit_record(actor=actor, action="mail.failed", case=case, message=message.pk, error=type(exc).__name__)
        else:
            audit_record(actor=actor, action="mail.sent", case=case, message=message.pk)
    return message


@transaction.atomic
def note_add(*, case: Case, body: str, author) -> Note:
    """An internal note: for the advisers only."""
    body = _body_clean(body, empty_error=_("Écrivez votre note."))
    note = Note.objects.create(case=case, author=author, body=body)
    audit_record(actor=author, action="note.add", case=case, note=note.pk)
    return note


@transaction.atomic
def case_status_set(*, case: Case, status: str, actor) -> Case:
    """Move a case to another status, recording who and when."""
    if status not in Status.values:
        raise ValidationError({"status": _("Choisissez un statut de la liste.")})
    previous = case.status
    if previous == status:
        return case
    case.status = status
    case.status_changed_at = timezone.now()
    case.status_changed_by = actor
    case.save(update_fields=["status", "status_changed_at", "status_changed_by", "updated_at"])
    audit_record(actor=actor, action="case.status", case=case, before=previous, after=status)
    return case


@transaction.atomic
def case_assign(*, case: Case, assignee, actor) -> Case:
    """Assign a case to a member of its team (or to nobody, with `assignee=None`)."""
    if assignee is not None and not assignee.memberships.filter(team_id=case.team_id, team__active=True).exists():
        raise ValidationError({"assignee": _("Cette personne n'est pas membre de l'équipe du dossier.")})
    case.assigned_to = assignee
    case.save(update_fields=["assigned_to", "updated_at"])
    audit_record(actor=actor, action="case.assign", case=case, assignee=getattr(assignee, "pk", None))
    return case
