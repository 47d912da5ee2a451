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
        waiting_since=timezone.now(),  # a new case waits from its creation (casework/waiting.py)
        criteria_key=criteria_key(report.criteria),
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
    """Tell the person a message waits on their follow-up page. Never the message itself."""
    from recours.core.instance import instance_get
    from recours.core.mail import mail_enqueue

    name = instance_get().name
    subject = _("%(name)s : un nouveau message vous attend") % {"name": name}
    body = _(
        "Bonjour,\n\n"
        "Un nouveau message vous attend sur votre page de suivi :\n%(url)s\n\n"
        "Pour le lire, munissez-vous du code de suivi qui vous a été donné quand vous avez fait votre signalement.\n\n"
        "Ce courriel est envoyé automatiquement : n'y répondez pas.\n%(name)s"
    ) % {"url": followup_url, "name": name}
    mail_enqueue(to=case.contact["email"], subject=subject, body=body, kind="case.new_message", case=case)


def case_reply(*, case: Case, body: str, actor, followup_url: str) -> Message:
    """Reply to the person on their follow-up page; tell them by mail if they agreed.

    The reply and its mail are written together; the mail goes through the outbox
    (core.mail), which retries a failed send and shows the failure in the case file.
    """
    body = _body_clean(body, empty_error=_("Écrivez votre réponse."))
    with transaction.atomic():
        message = message_add_by_adviser(case=case, body=body, user=actor)
        now = timezone.now()
        Case.objects.filter(pk=case.pk).update(updated_at=now)
        # The first adviser reply is the case's first answer (the delay the observatory reports).
        if Case.objects.filter(pk=case.pk, first_answer_at__isnull=True).update(first_answer_at=now):
            case.first_answer_at = now
        audit_record(actor=actor, action="case.reply", case=case, message=message.pk)
        email = (case.contact or {}).get("email")
        if case.notify_by_email and email:
            _new_message_mail_enqueue(case=case, followup_url=followup_url)
            audit_record(actor=actor, action="mail.queued", case=case, message=message.pk)
    return message


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
RECAP_OUTCOME = {
    Outcome.INFORMATION: _("nous vous avons informé·e de vos droits et des démarches possibles."),
    Outcome.ORIENTATION: _("nous vous avons orienté·e vers une structure qui peut vous accompagner."),
    Outcome.REFERRAL: _("un dossier de saisine a été préparé avec vous."),
    Outcome.TRANSFER: _("votre situation a été confiée à une autre équipe, qui a pris la suite."),
    Outcome.OUT_OF_SCOPE: _("votre situation ne relève pas de notre service ; nous vous avons indiqué vers qui vous tourner."),
    Outcome.NO_FOLLOW_UP: _("nous n'avons pas eu de nouvelles de votre part."),
}


def _recap_contact_lines(case: Case) -> list[str]:
    """The contacts given (recours.directory orientations): name, phone, web address."""
    from recours.directory.selectors import orientations_for_case

    lines = []
    for orientation in orientations_for_case(case):
        service = orientation.service
        reach = [v for v in (
            service.telephone or service.structure.telephone,
            service.lien_mobilisation or service.structure.site_web,
            service.courriel or service.structure.courriel,
        ) if v]
        lines.append(f"- {service.nom} ({service.structure.nom})" + (f" : {', '.join(reach)}" if reach else ""))
    return lines


def _recap_mail_enqueue(*, case: Case, outcome: str, followup_url: str, contacts: bool = True) -> None:
    """The recap of a closed case: its outcome in plain words, the contacts given (unless the
    adviser judged the mailbox unsafe), where to read everything (the follow-up page), how to
    reach the service.

    It never holds the narrative, the messages or the grounds: a mailbox may be read by
    someone else, the person who discriminates included. The names of the services the person
    was oriented to can say something of the situation: the adviser decides, case by case.
    """
    from recours.core.instance import instance_get
    from recours.core.mail import mail_enqueue

    instance = instance_get()
    subject = _("%(name)s : le suivi de votre signalement est terminé") % {"name": instance.name}
    lines = [
        _("Bonjour,"),
        "",
        _("Le traitement de votre signalement est terminé : %(outcome)s") % {"outcome": RECAP_OUTCOME[outcome]},
        "",
    ]
    contact_lines = _recap_contact_lines(case) if contacts else []
    if contact_lines:
        lines += ["", _("Les contacts que nous vous avons donnés :"), *contact_lines]
    lines += [
        "",
        _("Les informations et les contacts que nous vous avons donnés restent sur votre page de suivi :"),
        followup_url,
        _("Munissez-vous du code de suivi qui vous a été donné. Vous pouvez encore y écrire si la situation évolue."),
    ]
    if instance.phone:
        lines += ["", _("Pour nous joindre : %(phone)s %(hours)s") % {
            "phone": instance.phone, "hours": f"({instance.phone_hours})" if instance.phone_hours else ""}]
    lines += ["", _("Ce courriel est envoyé automatiquement : n'y répondez pas."), instance.name]
    mail_enqueue(to=case.contact["email"], subject=subject, body="\n".join(lines).strip(), kind="case.recap", case=case)


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
    return answers.body_render(template.body, answers.placeholder_values(case=case, user=user or case.assigned_to))


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
