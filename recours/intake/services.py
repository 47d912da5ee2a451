"""The report's journey: drafts saved at each step, checking, sending."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from recours.casework.models import Attachment, Case, Channel
from recours.casework.attachments import attachment_quota_check
from recours.casework.services import (
    ReportInput,
    attachment_create,
    attachments_delete_unclaimed,
    case_create_from_report,
    case_person_seen,
    receipt_issue,
)
from recours.core.crypto import InvalidToken, decrypt_str, encrypt_str
from recours.intake import steps
from recours.intake.forms import StepForm
from recours.intake.models import ReportDraft

DRAFT_SESSION_KEY = "report_draft"
ATTACHMENTS_KEY = "_attachments"
DRAFT_LIFETIME = dt.timedelta(days=1)
FILE_ERROR_KEY = "_file_error"
# Every POST of the form is answered by a redirect to the same address (no page in the browser's
# history can be posted again); what the next GET must show is kept meanwhile:
ERRORS_SESSION_KEY = "report_errors"  # the step whose errors to show (a step name, nothing typed)
TOO_MANY_SESSION_KEY = "report_too_many"
RECEIPT_SESSION_KEY = "report_receipt"  # the receipt, encrypted, for the one GET after sending


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


def draft_get(session, *, key: str = DRAFT_SESSION_KEY) -> ReportDraft | None:
    """The draft whose id the session keeps under `key` (the public form's, or another space's
    filling the same steps: recours.partners)."""
    draft_id = session.get(key)
    if not draft_id:
        return None
    draft = ReportDraft.objects.filter(pk=draft_id, updated_at__gte=timezone.now() - DRAFT_LIFETIME).first()
    if draft is None:
        session.pop(key, None)
    return draft


def draft_start(session, *, key: str = DRAFT_SESSION_KEY, data: dict | None = None) -> ReportDraft:
    draft = ReportDraft.objects.create(current_step=steps.NAMES[0], data=data or {})
    session[key] = str(draft.pk)
    return draft


def report_prefill(params) -> dict[str, str]:
    """The ground and domain a link may choose in advance (`?motif=…&domaine=…`, from a
    "know your rights" page): only codes of the active taxonomies, anything else dropped."""
    from recours.taxonomy.selectors import domains_active, plain_grounds_active

    prefill = {}
    ground, domain = params.get("motif", ""), params.get("domaine", "")
    if ground and ground in {g.code for g in plain_grounds_active()}:
        prefill["motif"] = ground
    if domain and domain in {d.code for d in domains_active()}:
        prefill["domaine"] = domain
    return prefill


ENTRY_KEY = "_entry"  # the slug of the local entry (/l/<slug>/) the report was started from


def draft_entry_set(draft: ReportDraft, slug: str) -> None:
    """Remember that the draft was started at a team's local entry: the report goes to that team."""
    from recours.accounts.selectors import local_entry_get

    entry = local_entry_get(slug)
    if entry is not None:
        draft.data[ENTRY_KEY] = entry.slug
        draft.save()


def draft_entry(draft: ReportDraft | None):
    """The local entry the draft was started at, if it is still online."""
    from recours.accounts.selectors import local_entry_get

    return local_entry_get(draft.data.get(ENTRY_KEY, "")) if draft is not None else None


def draft_prefill(draft: ReportDraft, prefill: dict[str, str]) -> None:
    """Choose in advance, on a new draft, the ground and domain of `report_prefill`."""
    if "motif" in prefill:
        draft.data["grounds"] = [prefill["motif"]]
    if "domaine" in prefill:
        draft.data["domain"] = prefill["domaine"]
    if prefill:
        draft.save()


def draft_prefill_where_empty(draft: ReportDraft, prefill: dict[str, str]) -> dict[str, bool]:
    """A rights page's link followed while a report is already under way: its ground and
    domain go into the draft where the person has not answered yet; an answer already given
    is kept. Returns {"applied": …, "kept": …}: what the person is told."""
    applied = kept = False
    for key, field, value in (("motif", "grounds", [prefill.get("motif")]), ("domaine", "domain", prefill.get("domaine"))):
        if key not in prefill:
            continue
        if not draft.data.get(field):
            draft.data[field] = value
            applied = True
        elif draft.data[field] != value:
            kept = True
    if applied:
        draft.save()
    return {"applied": applied, "kept": kept}


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
    initial = {k: v for k, v in data.items() if k in form_class.base_fields}
    return form_class(initial=initial, role=str(data.get("role") or ""))


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
    stored = Attachment.objects.filter(pk__in=ids, case__isnull=True).aggregate(total=Sum("size"))["total"] or 0
    attachment_quota_check(name=name, size=len(data), stored=stored, limit=settings.RECOURS_DRAFT_ATTACHMENTS_MAX_BYTES)
    attachment = attachment_create(name=name, data=data)
    draft.data[ATTACHMENTS_KEY] = [*ids, attachment.pk]
    return attachment


def draft_detach(draft: ReportDraft, attachment_id: int) -> None:
    ids = draft.data.get(ATTACHMENTS_KEY, [])
    if attachment_id in ids:
        attachments_delete_unclaimed(ids=[attachment_id])
        draft.data[ATTACHMENTS_KEY] = [i for i in ids if i != attachment_id]


@transaction.atomic
def draft_discard(session, *, key: str = DRAFT_SESSION_KEY) -> None:
    """Forget the draft and its files (quick exit, or after sending)."""
    draft_id = session.pop(key, None)
    if draft_id:
        draft = ReportDraft.objects.filter(pk=draft_id).first()
        if draft:
            attachments_delete_unclaimed(ids=draft.data.get(ATTACHMENTS_KEY, []))
            draft.delete()


def report_submit_draft(draft: ReportDraft, session) -> tuple[Case, str]:
    """Send a finished draft: check it whole, create the case, forget the draft (all or nothing).

    The receipt is issued (and slowly hashed) before the transaction opens."""
    report = report_clean(draft.data)
    entry = draft_entry(draft)
    receipt = receipt_issue()
    with transaction.atomic():
        case, code = case_create_from_report(
            report=report, channel=Channel.FORM, receipt=receipt, team=entry.team if entry else None
        )
        draft_discard(session)
    return case, code


def drafts_purge_stale(*, now=None) -> int:
    """Delete drafts left untouched for a day, with their files."""
    now = now or timezone.now()
    stale = ReportDraft.objects.filter(updated_at__lt=now - DRAFT_LIFETIME)
    count = 0
    for draft in stale.iterator():
        attachments_delete_unclaimed(ids=draft.data.get(ATTACHMENTS_KEY, []))
        draft.delete()
        count += 1
    return count


# From a POST to the GET that follows it ------------------------------------------


def receipt_hand_over(session, receipt: str) -> None:
    """Keep the receipt for the GET that follows the sending, and for it only.

    Encrypted (the sessions table never holds it in clear), read once (receipt_take removes
    it), refused after RECOURS_RECEIPT_HANDOFF_SECONDS (Fernet's own timestamp), gone with the session.
    """
    session[RECEIPT_SESSION_KEY] = encrypt_str(receipt)


def receipt_take(session) -> str | None:
    """The receipt just handed over, once; None if there is none or it is too old."""
    token = session.pop(RECEIPT_SESSION_KEY, None)
    if not token:
        return None
    try:
        return decrypt_str(token, ttl=settings.RECOURS_RECEIPT_HANDOFF_SECONDS)
    except InvalidToken:
        return None


def draft_file_error_set(draft: ReportDraft, message: str) -> None:
    """The refusal of a file, for the next GET (in the draft: it names the file, so encrypted)."""
    draft.data[FILE_ERROR_KEY] = message


def draft_file_error_take(draft: ReportDraft) -> str:
    message = draft.data.pop(FILE_ERROR_KEY, "")
    if message:
        draft.save(update_fields=["data", "updated_at"])
    return message


# Follow-up --------------------------------------------------------------------

FOLLOWUP_SESSION_KEY = "followup_case"


def followup_open(request, case: Case) -> None:
    """Open the follow-up for this case in a fresh session (a new session key)."""
    request.session.cycle_key()
    request.session[FOLLOWUP_SESSION_KEY] = case.pk
    case_person_seen(case=case)


def followup_case(request) -> Case | None:
    case_id = request.session.get(FOLLOWUP_SESSION_KEY)
    if not case_id:
        return None
    return Case.objects.filter(pk=case_id).select_related("commune", "domain", "reporter_role").first()


def followup_close(request) -> None:
    request.session.flush()


def too_many_messages_message() -> str:
    """The answer to a follow-up message over its rate limit (form and API)."""
    return _(
        "Vous avez envoyé beaucoup de messages en peu de temps. Ce message n'a pas été envoyé : "
        "réessayez un peu plus tard, ou appelez-nous."
    )


def too_many_uploads_message(name: str) -> str:
    return _(
        "Beaucoup de documents ont été ajoutés depuis cette connexion : le fichier « %(name)s » n'a pas été ajouté. "
        "Réessayez un peu plus tard."
    ) % {"name": name}
