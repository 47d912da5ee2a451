"""The report's journey: drafts saved at each step, checking, sending."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from recours.casework.models import Attachment, Case, Channel
from recours.casework.services import ReportInput, attachment_create, case_create_from_report
from recours.intake import steps
from recours.intake.forms import StepForm
from recours.intake.models import ReportDraft

DRAFT_SESSION_KEY = "report_draft"
ATTACHMENTS_KEY = "_attachments"
DRAFT_LIFETIME = dt.timedelta(days=1)


class ReportInvalid(Exception):
    """A report that cannot be sent yet: errors by field, and the first step at fault."""

    def __init__(self, errors: dict[str, list[str]], first_step: str | None = None):
        super().__init__(errors)
        self.errors = errors
        self.first_step = first_step


def step_fields(form_class: type[StepForm]) -> list[str]:
    return list(form_class.base_fields)


def report_clean(data: dict, *, form_classes=None) -> ReportInput:
    """Check a whole report with the steps' own forms; ReportInvalid lists every error."""
    form_classes = form_classes or [step.form_class for step in steps.STEPS]
    errors: dict[str, list[str]] = {}
    first_step = None
    parts: dict = {"details": {}}
    for form_class in form_classes:
        form = form_class(data=data)
        if not form.is_valid():
            for field, messages in form.errors.items():
                errors.setdefault(field, []).extend(messages)
            if first_step is None:
                first_step = next((s.name for s in steps.STEPS if s.form_class is form_class), None)
            continue
        part = form.report_part()
        parts["details"].update(part.pop("details", {}))
        parts.update(part)
    if errors:
        raise ReportInvalid(errors, first_step)
    parts["attachment_ids"] = tuple(data.get(ATTACHMENTS_KEY, ()))
    return ReportInput(**parts)


# Drafts -----------------------------------------------------------------------


def draft_get(session) -> ReportDraft | None:
    draft_id = session.get(DRAFT_SESSION_KEY)
    if not draft_id:
        return None
    draft = ReportDraft.objects.filter(pk=draft_id, updated_at__gte=timezone.now() - DRAFT_LIFETIME).first()
    if draft is None:
        session.pop(DRAFT_SESSION_KEY, None)
    return draft


def draft_start(session) -> ReportDraft:
    draft = ReportDraft.objects.create(current_step=steps.NAMES[0])
    session[DRAFT_SESSION_KEY] = str(draft.pk)
    return draft


def draft_save_step(draft: ReportDraft, *, step: str, posted) -> None:
    """Keep what was typed on a step, valid or not (posted is a QueryDict)."""
    form_class = steps.BY_NAME[step].form_class
    for name, field in form_class.base_fields.items():
        if name == "file":
            continue
        if hasattr(field, "choices") and field.widget.allow_multiple_selected:
            draft.data[name] = posted.getlist(name)
        elif name in posted:
            draft.data[name] = posted.get(name)
        else:
            draft.data.pop(name, None)  # an unticked box or an unchosen radio


def draft_step_form(draft: ReportDraft | None, step: str, *, bound: bool = False) -> StepForm:
    form_class = steps.BY_NAME[step].form_class
    data = draft.data if draft else {}
    if bound:
        return form_class(data=data)
    return form_class(initial={k: v for k, v in data.items() if k in form_class.base_fields})


def draft_mark(draft: ReportDraft, step: str, *, valid: bool) -> None:
    valid_steps = [s for s in draft.valid_steps if s != step]
    if valid:
        valid_steps.append(step)
    draft.valid_steps = valid_steps


def draft_attachments(draft: ReportDraft) -> list[Attachment]:
    ids = draft.data.get(ATTACHMENTS_KEY, [])
    return list(Attachment.objects.filter(pk__in=ids, case__isnull=True).only("id", "filename", "size", "content_type"))


def draft_attach(draft: ReportDraft, *, name: str, data: bytes, max_count: int) -> Attachment:
    ids = draft.data.get(ATTACHMENTS_KEY, [])
    if len(ids) >= max_count:
        raise ValidationError(_("Vous avez déjà ajouté %(max)d documents : c'est le maximum.") % {"max": max_count})
    attachment = attachment_create(name=name, data=data)
    draft.data[ATTACHMENTS_KEY] = [*ids, attachment.pk]
    return attachment


def draft_detach(draft: ReportDraft, attachment_id: int) -> None:
    ids = draft.data.get(ATTACHMENTS_KEY, [])
    if attachment_id in ids:
        Attachment.objects.filter(pk=attachment_id, case__isnull=True).delete()
        draft.data[ATTACHMENTS_KEY] = [i for i in ids if i != attachment_id]


@transaction.atomic
def draft_discard(session) -> None:
    """Forget the draft and its files (quick exit, or after sending)."""
    draft_id = session.pop(DRAFT_SESSION_KEY, None)
    if draft_id:
        draft = ReportDraft.objects.filter(pk=draft_id).first()
        if draft:
            Attachment.objects.filter(pk__in=draft.data.get(ATTACHMENTS_KEY, []), case__isnull=True).delete()
            draft.delete()


@transaction.atomic
def report_submit_draft(draft: ReportDraft, session) -> tuple[Case, str]:
    """Send a finished draft: check it whole, create the case, forget the draft."""
    report = report_clean(draft.data)
    case, receipt = case_create_from_report(report=report, channel=Channel.FORM)
    draft_discard(session)
    return case, receipt


def drafts_purge_stale(*, now=None) -> int:
    """Delete drafts left untouched for a day, with their files."""
    now = now or timezone.now()
    stale = ReportDraft.objects.filter(updated_at__lt=now - DRAFT_LIFETIME)
    count = 0
    for draft in stale.iterator():
        Attachment.objects.filter(pk__in=draft.data.get(ATTACHMENTS_KEY, []), case__isnull=True).delete()
        draft.delete()
        count += 1
    return count


# Follow-up --------------------------------------------------------------------

FOLLOWUP_SESSION_KEY = "followup_case"


def followup_open(request, case: Case) -> None:
    """Open the follow-up for this case in a fresh session (a new session key)."""
    request.session.cycle_key()
    request.session[FOLLOWUP_SESSION_KEY] = case.pk
    Case.objects.filter(pk=case.pk).update(person_last_seen_at=timezone.now())


def followup_case(request) -> Case | None:
    case_id = request.session.get(FOLLOWUP_SESSION_KEY)
    if not case_id:
        return None
    return Case.objects.filter(pk=case_id).select_related("commune", "domain", "reporter_role").first()


def followup_close(request) -> None:
    request.session.flush()
