"""Writes on cases: creation from a report, messages, attachments."""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from recours.accounts.routing import team_for_place
from recours.casework.attachments import attachment_check, attachment_quota_check, safe_filename
from recours.casework import answers, signals
from recours.casework.criteria_key import criteria_key, criteria_key_refresh
from recours.casework.models import (
    AdviceRequest,
    AnswerTemplate,
    Attachment,
    Case,
    CaseTransfer,
    Channel,
    Message,
    MessageAuthor,
    Note,
    Outcome,
    Qualification,
    RespondentKind,
    Status,
)
from recours.casework.waiting import waiting_refresh
from recours.core.audit import audit_record, audit_scrub_case
from recours.core.i18n import person_language
from recours.core.receipts import receipt_generate, receipt_hash
from recours.geo.selectors import Place, place_of_departement, place_resolve


@dataclass(frozen=True)
class ReportInput:
    """A report checked and ready to store (built by intake.services.report_clean)."""

    role: str
    narrative: str
    details: dict = field(default_factory=dict)
    postal_code: str = ""
    commune: str | None = None  # INSEE code
    departement: str | None = None  # only when the place is no more precise (the chat's approximate codes)
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
    # The language of the pages the person used (core/i18n.py); "" for the active language.
    language: str = ""


def attachment_create(*, name: str, data: bytes) -> Attachment:
    """Store a checked file, encrypted, belonging to no case yet."""
    content_type = attachment_check(name=name, data=data)
    return Attachment.objects.create(
        filename=safe_filename(name, content_type), content_type=content_type, size=len(data), data=data
    )


@dataclass(frozen=True)
class IssuedReceipt:
    """A new receipt (shown once, never stored) and its hash (stored on the case)."""

    code: str
    digest: str


def receipt_issue() -> IssuedReceipt:
    """A new receipt and its hash. The hash is slow by design (Argon2id): call this before a
    transaction opens, so that no transaction (nor the connection it holds) waits on it."""
    # 10^16 codes: a collision is never expected; the unique constraint would refuse one.
    code = receipt_generate()
    return IssuedReceipt(code=code, digest=receipt_hash(code))


def case_create_from_report(
    *, report: ReportInput, channel: str = Channel.FORM, receipt: IssuedReceipt | None = None,
    filed_by_structure=None, contact_through_partner: bool = False, team=None,
) -> tuple[Case, str]:
    """Create a case from a checked report; returns the case and its receipt (shown once, never stored).

    `team`: the team that receives it (a report started at a team's local entry, /l/<slug>/);
    by default the team of its place (accounts.routing).

    The receipt is hashed before the transaction opens. A caller that creates the case inside
    its own transaction (with other rows) issues the receipt first (`receipt_issue`) and
    passes it, so the slow hash still runs outside any transaction.
    """
    receipt = receipt or receipt_issue()
    with transaction.atomic():
        case = _case_insert(
            report=report, channel=channel, digest=receipt.digest, filed_by_structure=filed_by_structure,
            contact_through_partner=contact_through_partner, team=team,
        )
    return case, receipt.code


def case_create_from_chat(
    *, report: ReportInput, team, adviser=None, notes: tuple[tuple[object, str], ...] = (), then=None,
) -> tuple[Case, str]:
    """Create the case a chat became, in ONE transaction: the case with the chat's team and
    adviser (transfers included), the chat's internal notes as (author, body), and `then(case,
    receipt)` — where the chat links its conversation and keeps the receipt until the visitor's
    page shows it. A failure anywhere leaves nothing: no case without its conversation, no
    conversation pointing to a case that is not there. Returns the case and its receipt."""
    receipt = receipt_generate()
    digest = receipt_hash(receipt)  # the slow hash before the transaction, as for a report
    with transaction.atomic():
        case = _case_insert(report=report, channel=Channel.CHAT, digest=digest, team=team, assigned_to=adviser)
        Note.objects.bulk_create([Note(case=case, author=author, body=body) for author, body in notes])
        if then is not None:
            then(case, receipt)
    return case, receipt


def report_place(report: ReportInput) -> Place:
    """The place of a report by the one postal code → commune policy (geo.selectors.place_resolve);
    every channel's case goes through it, so none can record a commune the policy would not."""
    if not report.postal_code and not report.commune:
        return place_of_departement(report.departement)
    return place_resolve(postal_code=report.postal_code, commune=report.commune)


def _case_insert(
    *, report: ReportInput, channel: str, digest: str, team=None, assigned_to=None, filed_by_structure=None,
    contact_through_partner: bool = False,
) -> Case:
    contact = {k: v for k, v in report.contact.items() if v}
    place = report_place(report)
    if place.error:
        raise ValidationError({place.error_field: place.error})
    case = Case.objects.create(
        channel=channel,
        assigned_to=assigned_to,
        reporter_role_id=report.role,
        narrative=report.narrative,
        details=report.details,
        postal_code=place.postal_code,
        commune=place.commune,
        departement_id=place.departement_id,
        online=report.online,
        team=team or team_for_place(place, online=report.online),
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
        waiting_since=timezone.now(),  # a new case waits from its creation (casework/waiting.py)
        criteria_key=criteria_key(report.criteria),
        filed_by_structure=filed_by_structure,
        contact_through_partner=contact_through_partner,
        language=person_language(report.language or translation.get_language()),
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
def message_add_by_person(
    *, case: Case, body: str, uploads: tuple[tuple[str, bytes], ...] = (), language: str | None = None
) -> Message:
    """A message from the person, with files given as (name, content): all stored, or nothing.

    `language`: the follow-up page's (its address's prefix), shown to the adviser; by default
    the active language."""
    body = (body or "").strip()
    if not body and not uploads:
        raise ValidationError({"body": _("Écrivez votre message.")})
    if len(body) > settings.RECOURS_MESSAGE_MAX_CHARS:
        raise ValidationError(
            {"body": _("Votre message est trop long : %(max)d caractères au maximum.")
             % {"max": settings.RECOURS_MESSAGE_MAX_CHARS}}
        )
    if uploads:
        _case_quota_check(case=case, uploads=uploads)
    message = Message.objects.create(
        case=case, author=MessageAuthor.PERSON, body=body,
        language=person_language(language or translation.get_language()),
    )
    Case.objects.filter(pk=case.pk).update(last_person_message_at=message.created_at)
    waiting_refresh(Case.objects.filter(pk=case.pk))
    for name, data in uploads:
        try:
            attachment = attachment_create(name=name, data=data)
        except ValidationError as exc:
            raise ValidationError({"file": exc.messages}) from exc
        Attachment.objects.filter(pk=attachment.pk).update(case=case, message=message)
    Case.objects.filter(pk=case.pk).update(person_last_seen_at=timezone.now(), updated_at=timezone.now())
    return message


def case_person_seen(*, case: Case) -> None:
    """The person opened her follow-up page (what the console shows as her last visit)."""
    Case.objects.filter(pk=case.pk).update(person_last_seen_at=timezone.now())


def attachments_delete_unclaimed(*, ids) -> int:
    """Delete files of a report being written (`ids`), never one a case already holds."""
    deleted, _ = Attachment.objects.filter(pk__in=list(ids), case__isnull=True).delete()
    return deleted


def case_attachments_bytes(*, case: Case) -> int:
    return Attachment.objects.filter(case=case).aggregate(total=Sum("size"))["total"] or 0


def _case_quota_check(*, case: Case, uploads: tuple[tuple[str, bytes], ...]) -> None:
    """The files of a case (report and follow-up) stay within RECOURS_CASE_ATTACHMENTS_MAX_BYTES.

    The case's row is locked first, so two messages sent at once cannot both pass the check.
    """
    Case.objects.select_for_update().filter(pk=case.pk).values_list("pk", flat=True).first()
    stored = case_attachments_bytes(case=case)
    for name, data in uploads:
        try:
            attachment_quota_check(
                name=name, size=len(data), stored=stored, limit=settings.RECOURS_CASE_ATTACHMENTS_MAX_BYTES
            )
        except ValidationError as exc:
            raise ValidationError({"file": exc.messages}) from exc
        stored += len(data)


def message_add_by_adviser(*, case: Case, body: str, user=None) -> Message:
    """A reply to the person (the adviser console calls this)."""
    message = Message.objects.create(case=case, author=MessageAuthor.ADVISER, author_user=user, body=body.strip())
    Case.objects.filter(pk=case.pk).update(last_adviser_message_at=message.created_at, waiting_since=None)
    return message


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


def _new_message_mail_enqueue(*, case: Case, followup_url: str) -> None:
    """Tell the person a message waits on their follow-up page, in their language (person_mails)."""
    from recours.casework.person_mails import new_message_mail_enqueue

    new_message_mail_enqueue(case=case, followup_url=followup_url)


def _uploads_check(uploads) -> list[tuple[str, str, bytes]]:
    """Files given by an adviser, checked like the person's (content, size, count):
    (display name, content type, content) each, or a French ValidationError on `files`."""
    if len(uploads) > settings.RECOURS_ATTACHMENT_MAX_COUNT:
        raise ValidationError({"files": _("%(max)d documents au plus par réponse.") % {
            "max": settings.RECOURS_ATTACHMENT_MAX_COUNT}})
    checked, errors = [], []
    for name, data in uploads:
        try:
            content_type = attachment_check(name=name, data=data)
        except ValidationError as exc:
            errors += exc.messages
        else:
            checked.append((safe_filename(name, content_type), content_type, data))
    if errors:
        raise ValidationError({"files": errors})
    return checked


def _message_files_add(*, case: Case, message: Message, files) -> list[Attachment]:
    """Store files (already checked or made by the platform) on a message, encrypted."""
    return [
        Attachment.objects.create(
            case=case, message=message, filename=filename, content_type=content_type, size=len(data), data=data
        )
        for filename, content_type, data in files
    ]


def case_reply(
    *, case: Case, body: str, actor, followup_url: str, uploads: tuple[tuple[str, bytes], ...] = (), documents=()
) -> Message:
    """Reply to the person on their follow-up page; tell them by mail if they agreed.

    `uploads` are files the adviser gives, as (name, content): checked by content like the
    person's, all stored or none. `documents` are files the platform made, as (name, content
    type, content): the referral file offered to the person (casework.referral). The person
    downloads both from her follow-up page.

    The reply and its mail are written together; the mail goes through the outbox
    (core.mail), which retries a failed send and shows the failure in the case file.
    """
    body = _body_clean(body, empty_error=_("Écrivez votre réponse."))
    files = [*_uploads_check(uploads), *documents]
    with transaction.atomic():
        message = message_add_by_adviser(case=case, body=body, user=actor)
        attachments = _message_files_add(case=case, message=message, files=files)
        now = timezone.now()
        Case.objects.filter(pk=case.pk).update(updated_at=now)
        # The first adviser reply is the case's first answer (the delay the observatory reports).
        if Case.objects.filter(pk=case.pk, first_answer_at__isnull=True).update(first_answer_at=now):
            case.first_answer_at = now
        audit_record(
            actor=actor, action="case.reply", case=case, message=message.pk, attachments=[a.pk for a in attachments]
        )
        _reply_moves_case(case=case, actor=actor)
        email = (case.contact or {}).get("email")
        if case.notify_by_email and email:
            _new_message_mail_enqueue(case=case, followup_url=followup_url)
            audit_record(actor=actor, action="mail.queued", case=case, message=message.pk)
    return message


# A reply takes a case up: a new case, or one just transferred to the team, is "in progress"
# from then on (the move is audited like any other). A case in any other status stays there.
REPLY_MOVES_TO = Status.IN_PROGRESS
REPLY_MOVES_FROM = (Status.NEW, Status.TRANSFERRED)


def _reply_moves_case(*, case: Case, actor) -> None:
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if locked.status in REPLY_MOVES_FROM and REPLY_MOVES_TO in TRANSITIONS[locked.status]:
        _status_move(case=locked, status=REPLY_MOVES_TO, actor=actor, reply=True)
        case.status, case.status_changed_at, case.status_changed_by = locked.status, locked.status_changed_at, actor


@transaction.atomic
def note_add(*, case: Case, body: str, author) -> Note:
    """An internal note: for the advisers only."""
    body = _body_clean(body, empty_error=_("Écrivez votre note."))
    note = Note.objects.create(case=case, author=author, body=body)
    audit_record(actor=author, action="note.add", case=case, note=note.pk)
    return note


# The workflow: new → in progress → awaiting the person → an answer given (information,
# orientation, referral prepared) or transferred → closed with an outcome (case_close);
# a closed case opens again only through case_reopen.
_WORKING = {Status.IN_PROGRESS, Status.AWAITING_PERSON}
_ANSWERED = {Status.INFORMATION_GIVEN, Status.ORIENTED, Status.REFERRAL_PREPARED}
TRANSITIONS: dict[str, set[str]] = {
    Status.NEW: _WORKING | _ANSWERED,
    Status.IN_PROGRESS: {Status.AWAITING_PERSON} | _ANSWERED,
    Status.AWAITING_PERSON: {Status.IN_PROGRESS} | _ANSWERED,
    Status.INFORMATION_GIVEN: _WORKING | (_ANSWERED - {Status.INFORMATION_GIVEN}),
    Status.ORIENTED: _WORKING | (_ANSWERED - {Status.ORIENTED}),
    Status.REFERRAL_PREPARED: _WORKING | (_ANSWERED - {Status.REFERRAL_PREPARED}),
    Status.TRANSFERRED: _WORKING | _ANSWERED,  # the receiving team takes it up
    Status.CLOSED: set(),
}


def status_choices_from(status: str) -> list[tuple[str, str]]:
    """The statuses a case may move to by hand from `status` (closing and transfer have their own forms)."""
    allowed = TRANSITIONS.get(status, set())
    return [(value, label) for value, label in Status.choices if value in allowed]


def _status_move(*, case: Case, status: str, actor, **detail) -> None:
    previous = case.status
    case.status = status
    case.status_changed_at = timezone.now()
    case.status_changed_by = actor
    case.save(update_fields=["status", "status_changed_at", "status_changed_by", "closed_at", "outcome", "team",
                             "assigned_to", "updated_at"])
    waiting_refresh(Case.objects.filter(pk=case.pk))  # closing stops the wait, reopening may restart it
    audit_record(actor=actor, action="case.status", case=case, before=previous, after=status, **detail)


@transaction.atomic
def case_mark_oriented(*, case: Case, actor) -> Case:
    """The case was oriented to a service (casework/orientation.py): it moves to "orienté" when
    the workflow allows it (a closed case, or one already oriented, stays where it is)."""
    if case.status != Status.ORIENTED and Status.ORIENTED in TRANSITIONS.get(case.status, set()):
        _status_move(case=case, status=Status.ORIENTED, actor=actor)
    return case


@transaction.atomic
def case_status_set(*, case: Case, status: str, actor) -> Case:
    """Move a case to another status by hand, following the workflow, recording who and when."""
    if status not in Status.values:
        raise ValidationError({"status": _("Choisissez un statut de la liste.")})
    previous = case.status
    if previous == status:
        return case
    if status == Status.CLOSED:
        raise ValidationError({"status": _("Pour clore un dossier, utilisez « Clore le dossier » et choisissez une issue.")})
    if status == Status.TRANSFERRED:
        raise ValidationError({"status": _("Pour transférer un dossier, utilisez « Transférer à une autre équipe ».")})
    if previous == Status.CLOSED:
        raise ValidationError({"status": _("Ce dossier est clos : rouvrez-le avant de changer son statut.")})
    if status not in TRANSITIONS.get(previous, set()):
        raise ValidationError(
            {"status": _("Un dossier « %(before)s » ne peut pas passer à « %(after)s ».")
             % {"before": Status(previous).label, "after": Status(status).label}}
        )
    _status_move(case=case, status=status, actor=actor)
    return case


# What the recap mail says of each outcome, to the person.
def _recap_mail_enqueue(*, case: Case, outcome: str, followup_url: str, contacts: bool = True) -> None:
    """The recap of a closed case, in the person's language (person_mails.recap_mail_enqueue)."""
    from recours.casework.person_mails import recap_mail_enqueue

    recap_mail_enqueue(case=case, outcome=outcome, followup_url=followup_url, contacts=contacts)


def case_close(*, case: Case, outcome: str, actor, followup_url: str = "", recap_contacts: bool = True) -> Case:
    """Close a case with an outcome; sends `case_closed` once committed.

    With `followup_url` (the address of the follow-up page), a person who gave an email and
    agreed to be told gets a recap mail, through the outbox in the same transaction.
    """
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choisissez l'issue du dossier.")})
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if case.status == Status.CLOSED:
            raise ValidationError({"outcome": _("Ce dossier est déjà clos.")})
        case.closed_at = timezone.now()
        case.outcome = outcome
        _status_move(case=case, status=Status.CLOSED, actor=actor, outcome=outcome)
        if followup_url and case.notify_by_email and (case.contact or {}).get("email"):
            _recap_mail_enqueue(case=case, outcome=outcome, followup_url=followup_url, contacts=recap_contacts)
            audit_record(actor=actor, action="mail.queued", case=case, kind="case.recap")
        transaction.on_commit(lambda: signals.case_closed.send(sender=Case, case=case, actor=actor))
    return case


@transaction.atomic
def case_reopen(*, case: Case, actor) -> Case:
    """Open a closed case again (in progress); its outcome and closing date are cleared, the trail keeps them."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status != Status.CLOSED:
        raise ValidationError({"status": _("Seul un dossier clos peut être rouvert.")})
    previous_outcome = case.outcome
    case.closed_at = None
    case.outcome = ""
    _status_move(case=case, status=Status.IN_PROGRESS, actor=actor, reopened=True, previous_outcome=previous_outcome)
    return case


def case_qualify(
    *,
    case: Case,
    actor,
    criteria=(),
    related_situations=(),
    domain=None,
    situation_type=None,
    respondent_kind: str = "",
    reasoning: str = "",
) -> Qualification:
    """Save (or replace) the legal qualification of a case; sends `case_qualified` once committed.

    `criteria`, `related_situations`: codes or taxonomy objects; `domain`, `situation_type`:
    a code, an object or None.
    """
    from recours.taxonomy.models import Criterion, Domain, RelatedSituation, SituationType

    def codes(values):
        return sorted({getattr(value, "pk", value) for value in values})

    criterion_codes = codes(criteria)
    situation_codes = codes(related_situations)
    domain_code = getattr(domain, "pk", domain) or None
    type_code = getattr(situation_type, "pk", situation_type) or None
    errors = {}
    if len(criterion_codes) != Criterion.objects.filter(pk__in=criterion_codes, active=True).count():
        errors["criteria"] = _("Un critère choisi n'est pas dans la liste légale.")
    if len(situation_codes) != RelatedSituation.objects.filter(pk__in=situation_codes, active=True).count():
        errors["related_situations"] = _("Une situation connexe choisie n'est pas dans la liste.")
    if domain_code and not Domain.objects.filter(pk=domain_code, active=True).exists():
        errors["domain"] = _("Choisissez un domaine de la liste.")
    if type_code and not SituationType.objects.filter(pk=type_code, active=True).exists():
        errors["situation_type"] = _("Choisissez un type de situation de la liste.")
    if respondent_kind and respondent_kind not in RespondentKind.values:
        errors["respondent_kind"] = _("Choisissez le mis en cause dans la liste.")
    if not (criterion_codes or situation_codes or type_code):
        errors["criteria"] = _("Choisissez au moins un critère, une situation connexe ou un type de situation.")
    if len(reasoning or "") > settings.RECOURS_MESSAGE_MAX_CHARS:
        errors["reasoning"] = _("L'analyse est trop longue : %(max)d caractères au maximum.") % {
            "max": settings.RECOURS_MESSAGE_MAX_CHARS
        }
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        qualification, created = Qualification.objects.update_or_create(
            case=case,
            defaults={
                "domain_id": domain_code,
                "situation_type_id": type_code,
                "respondent_kind": respondent_kind or "",
                "reasoning": (reasoning or "").strip(),
                "qualified_by": actor,
                "qualified_at": timezone.now(),
            },
        )
        qualification.criteria.set(criterion_codes)
        qualification.related_situations.set(situation_codes)
        criteria_key_refresh(Case.objects.filter(pk=case.pk))
        audit_record(
            actor=actor, action="case.qualify", case=case, criteria=criterion_codes,
            related_situations=situation_codes, domain=domain_code, situation_type=type_code,
            respondent_kind=respondent_kind or "", first=created,
        )
        transaction.on_commit(lambda: signals.case_qualified.send(sender=Case, case=case, actor=actor))
    return qualification


def case_purge(*, case: Case, actor=None) -> None:
    """Delete a case and every row of personal data hanging on it (which cases, and when, is the
    retention's decision: observatory/retention.py).

    In one transaction: `signals.case_purging` first (the observatory makes the anonymised
    record the case lacks; the chat deletes its conversation), then the case's mails in the
    outbox, then the case with every row that cascades from it. The audit trail stays,
    generalised (`core.audit.audit_scrub_case`), with one more event that says the case went.
    """
    from recours.core.mail import mails_delete_for_case

    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        signals.case_purging.send(sender=Case, case=case, actor=actor)
        case_id, outcome, closed_at = case.pk, case.outcome, case.closed_at
        mails_delete_for_case(case_id)
        case.delete()
        audit_scrub_case(case_id=case_id)
        audit_record(
            actor=actor, action="case.purge", case=case_id, outcome=outcome,
            closed_month=closed_at.strftime("%Y-%m") if closed_at else "",
        )


@transaction.atomic
def case_assign(*, case: Case, assignee, actor) -> Case:
    """Assign a case to a member of its team (or to nobody, with `assignee=None`)."""
    if assignee is not None and not assignee.memberships.filter(team_id=case.team_id, team__active=True).exists():
        raise ValidationError({"assignee": _("Cette personne n'est pas membre de l'équipe du dossier.")})
    case.assigned_to = assignee
    case.save(update_fields=["assigned_to", "updated_at"])
    audit_record(actor=actor, action="case.assign", case=case, assignee=getattr(assignee, "pk", None))
    return case


# --- Transfer and advice between teams -------------------------------------------------


def case_transfer(*, case: Case, to_team, note: str, actor) -> CaseTransfer:
    """Hand a case over to another team: it leaves the queue of its team for the other's.

    The case's team changes (so `cases_visible_to` follows it); `CaseTransfer` keeps the history.
    """
    note = _body_clean(note, empty_error=_("Expliquez en quelques mots pourquoi vous transférez ce dossier."))
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if case.status == Status.CLOSED:
            raise ValidationError({"to_team": _("Ce dossier est clos : rouvrez-le avant de le transférer.")})
        if to_team is None or not to_team.active:
            raise ValidationError({"to_team": _("Choisissez une équipe active.")})
        if to_team.pk == case.team_id:
            raise ValidationError({"to_team": _("Le dossier est déjà suivi par cette équipe.")})
        transfer = CaseTransfer.objects.create(case=case, from_team_id=case.team_id, to_team=to_team, note=note, actor=actor)
        audit_record(actor=actor, action="case.transfer", case=case, from_team=case.team_id, to_team=to_team.pk)
        case.team = to_team
        case.assigned_to = None
        _status_move(case=case, status=Status.TRANSFERRED, actor=actor)
    return transfer


def advice_ask(*, case: Case, to_team, question: str, actor) -> AdviceRequest:
    """Ask another team for advice on a case without handing it over."""
    question = _body_clean(question, empty_error=_("Écrivez votre question."))
    if to_team is None or not to_team.active:
        raise ValidationError({"to_team": _("Choisissez une équipe active.")})
    if to_team.pk == case.team_id:
        raise ValidationError({"to_team": _("Choisissez une autre équipe que celle du dossier.")})
    with transaction.atomic():
        request = AdviceRequest.objects.create(
            case=case, from_team_id=case.team_id, to_team=to_team, question=question, asked_by=actor
        )
        audit_record(actor=actor, action="advice.ask", case=case, advice=request.pk, to_team=to_team.pk)
    return request


def advice_answer(*, advice: AdviceRequest, answer: str, actor) -> AdviceRequest:
    """Answer an advice request (once); the answer shows in the case's timeline."""
    answer = _body_clean(answer, empty_error=_("Écrivez votre avis."))
    with transaction.atomic():
        advice = AdviceRequest.objects.select_for_update().get(pk=advice.pk)
        if advice.answered_at is not None:
            raise ValidationError({"answer": _("Cette demande a déjà reçu un avis.")})
        advice.answer = answer
        advice.answered_by = actor
        advice.answered_at = timezone.now()
        advice.save(update_fields=["answer", "answered_by", "answered_at"])
        audit_record(actor=actor, action="advice.answer", case=advice.case_id, advice=advice.pk)
    return advice


# --- The library of legal answers ------------------------------------------------------


def answer_template_save(
    *, actor, title: str, topic: str, body: str, team=None, template: AnswerTemplate | None = None, active: bool = True
) -> AnswerTemplate:
    """Create or update a template; unknown placeholders are refused (see casework/answers.py)."""
    from recours.casework.models import AnswerTopic

    errors = {}
    title = (title or "").strip()
    body = (body or "").strip()
    if not title:
        errors["title"] = _("Donnez un titre à la réponse.")
    if topic not in AnswerTopic.values:
        errors["topic"] = _("Choisissez un thème de la liste.")
    if not body:
        errors["body"] = _("Écrivez le texte de la réponse.")
    else:
        try:
            answers.placeholders_check(body)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    template = template or AnswerTemplate()
    template.title, template.topic, template.body, template.team, template.active = title, topic, body, team, active
    template.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    template.save()
    return template


def answer_render(template: AnswerTemplate, case: Case, *, user=None) -> str:
    """The template's text with its placeholders filled for this case (and the adviser `user`)."""
    values = answers.placeholder_values(
        user=user or case.assigned_to, reference=case.reference, team_name=case.team.name if case.team_id else ""
    )
    return answers.body_render(template.body, values)


def answer_templates_load(*, force: bool = False) -> int:
    """Create the national legal answers shipped with the platform; returns how many were created.

    Idempotent: an answer whose `key` exists is left as it is (a coordinator may have
    adapted it); `force` rewrites them all with the shipped text.
    """
    from recours.casework.reference_answers import REFERENCE_ANSWERS

    created = 0
    for entry in REFERENCE_ANSWERS:
        answers.placeholders_check(entry["body"])
        values = {"title": entry["title"], "topic": entry["topic"], "body": entry["body"], "team": None}
        if force:
            _template, was_created = AnswerTemplate.objects.update_or_create(key=entry["key"], defaults=values)
        else:
            _template, was_created = AnswerTemplate.objects.get_or_create(key=entry["key"], defaults=values)
        created += was_created
    return created


# --- Hand-over with the person's consent (the orientation step: casework/orientation.py) ---

# Channels whose person reads her follow-up page: she confirms a hand-over there herself.
# On the phone, the adviser's tick records her oral consent.
CHANNELS_CONSENTING_ON_FOLLOWUP = (Channel.FORM, Channel.CHAT, Channel.API, Channel.PARTNER)


def case_consents_on_followup(case: Case) -> bool:
    """Whether the person of this case confirms a hand-over herself on her follow-up page."""
    return case.channel in CHANNELS_CONSENTING_ON_FOLLOWUP


# --- The partner that filed a case (recours.partners) -----------------------------------


@transaction.atomic
def case_message_to_partner(*, case: Case, body: str, actor) -> "PartnerMessage":
    """A message of the advisers to the partner structure that filed the case: the partner reads
    it in its space (if the person agreed to share her case with it), never the person."""
    from recours.casework.models import PartnerMessage

    if case.filed_by_structure_id is None:
        raise ValidationError({"body": _("Ce dossier n'a pas été déposé par une structure partenaire.")})
    body = _body_clean(body, empty_error=_("Écrivez votre message au partenaire."))
    message = PartnerMessage.objects.create(case=case, author=actor, body=body)
    audit_record(actor=actor, action="case.partner_message", case=case, message=message.pk)
    return message


# --- Bulk actions from the queue -------------------------------------------------------


def cases_bulk_assign(*, cases, assignee, actor) -> int:
    """Assign every case to `assignee` (or nobody), one audit entry per case; all or none:
    a case whose team `assignee` is not in refuses the whole batch (ValidationError naming it)."""
    with transaction.atomic():
        for case in cases:
            try:
                case_assign(case=case, assignee=assignee, actor=actor)
            except ValidationError as exc:
                raise ValidationError(
                    _("Dossier %(reference)s : %(reason)s") % {"reference": case.reference, "reason": " ".join(exc.messages)}
                ) from None
    return len(cases)


def cases_bulk_transfer(*, cases, to_team, note: str, actor) -> int:
    """Transfer every case to `to_team` with the same note (one transfer and one audit entry per
    case, as `case_transfer`); all or none, a refused case named in the error."""
    with transaction.atomic():
        for case in cases:
            try:
                case_transfer(case=case, to_team=to_team, note=note, actor=actor)
            except ValidationError as exc:
                raise ValidationError(
                    _("Dossier %(reference)s : %(reason)s") % {"reference": case.reference, "reason": " ".join(exc.messages)}
                ) from None
    return len(cases)
