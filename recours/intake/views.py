"""Public pages of the report: the form (one address for every step) and the follow-up."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from recours.casework.attachments import attachment_response, too_large_message
from recours.casework.models import Attachment
from recours.casework.orientation import case_handover_answer
from recours.casework.selectors import case_for_receipt, case_person_status, case_thread
from recours.casework.services import message_add_by_person
from recours.core import ratelimit
from recours.core.admission import admission_required
from recours.core.receipts import receipt_format
from recours.intake import services, steps
from recours.intake.forms import WhereForm
from recours.intake.summary import summary_rows
from recours.intake.followup_forms import MessageForm, ReceiptForm


def render_step(
    request, draft, step_name: str, form=None, *, status: int = 200, file_error: str = "", form_action: str = "",
    extra: dict | None = None,
):
    """One step of the report (or its summary), posting to `form_action` (the public form's address
    by default); `extra` adds to or overrides the context (the partner space's quick intake numbers
    its own steps)."""
    form_action = form_action or reverse("intake:report")
    if step_name == steps.SUMMARY:
        return render(request, "intake/summary.html", {
            "rows": summary_rows(draft), "title": _("Vérifiez avant d'envoyer"), "form_action": form_action,
            **(extra or {}),
        })
    step = steps.BY_NAME[step_name]
    following = steps.step_after(step_name)
    form = form or services.draft_step_form(draft, step_name)
    context = {
        "step": step,
        "form": form,
        "number": steps.step_index(step_name) + 1,
        "total": len(steps.STEPS),
        "next_title": steps.BY_NAME[following].title if following != steps.SUMMARY else _("Vérification"),
        "has_back": steps.step_before(step_name) is not None,
        "return_to_summary": bool(draft and draft.return_to_summary),
        "attachments": services.draft_attachments(draft) if draft and step_name == "files" else [],
        "file_error": file_error,
        "max_attachments": settings.RECOURS_ATTACHMENT_MAX_COUNT,
        "form_action": form_action,
        **(extra or {}),
    }
    return render(request, f"intake/steps/{step_name}.html", context, status=status)


def step_page(request, draft, *, form_action: str = "", extra: dict | None = None):
    """The draft's current step (with its errors when the POST before found some): what every
    space that fills the report's steps shows on GET (the public form, the partner space)."""
    step_name = draft.current_step
    form = None
    if request.session.pop(services.ERRORS_SESSION_KEY, None) == step_name and step_name != steps.SUMMARY:
        form = services.draft_step_form(draft, step_name, bound=True)
        form.is_valid()
    file_error = services.draft_file_error_take(draft) if step_name == "files" else ""
    return render_step(request, draft, step_name, form, file_error=file_error, form_action=form_action, extra=extra)


def _report_page(request, draft):
    """What GET /formulaire/ shows: the receipt just sent, the current step (with its errors
    when the POST before found some), or the start page."""
    session = request.session
    receipt = services.receipt_take(session)
    if receipt:
        return render(
            request,
            "intake/receipt.html",
            {"receipt": receipt_format(receipt), "title": _("Votre signalement est envoyé")},
        )
    if session.pop(services.TOO_MANY_SESSION_KEY, False):
        return render(request, "intake/too_many.html", {"title": _("Trop de signalements envoyés")}, status=429)
    prefill = services.report_prefill(request.GET)
    if draft is None:
        # A start page, not the form: after a quick exit, the back button lands here,
        # on a page with nothing typed and no question asked.
        return render(request, "intake/start.html", {"title": _("Signaler une situation"), "prefill": prefill})
    if prefill:
        # A rights page's link while a report is under way: into the draft where still
        # unanswered, said on the step shown (at the form's one address, without the query).
        session[PREFILL_NOTE_KEY] = services.draft_prefill_where_empty(draft, prefill)
        return redirect("intake:report")
    return step_page(request, draft, extra={"prefill_note": _prefill_note(session.pop(PREFILL_NOTE_KEY, None))})


PREFILL_NOTE_KEY = "report_prefill_note"


def _prefill_note(outcome: dict | None) -> str:
    if not outcome:
        return ""
    if outcome.get("applied") and outcome.get("kept"):
        return _(
            "Votre signalement en cours reprend le motif ou le domaine de la page que vous lisiez, là où vous "
            "n'aviez pas encore répondu ; vos réponses déjà données sont gardées."
        )
    if outcome.get("applied"):
        return _(
            "Votre signalement en cours reprend le motif et le domaine de la page que vous lisiez. "
            "Vous pourrez les vérifier à leurs étapes."
        )
    return _(
        "Vous aviez déjà répondu sur le motif et le domaine dans votre signalement en cours : "
        "vos réponses sont gardées. Vous pouvez les modifier à leurs étapes."
    )


def show_errors(request, draft, step_name: str, *, to: str = "intake:report"):
    """Redirect to the steps' address (`to`), which shows this step with its errors (post/redirect/get)."""
    draft.current_step = step_name
    draft.save()
    request.session[services.ERRORS_SESSION_KEY] = step_name
    return redirect(to)



@require_http_methods(["GET", "POST"])
def report(request):
    """Every step of the report at one address, so the browser's history shows nothing of it.

    Every POST is answered by a redirect to that address, errors and receipt included:
    no entry of the history is a POST a browser would offer to send again."""
    draft = services.draft_get(request.session)
    if request.method == "GET":
        return _report_page(request, draft)

    # The body is read (and refused if malformed or too large) before a draft is started.
    action = request.POST.get("action", "next")
    if draft is None:
        draft = services.draft_start(request.session)
        if action == "start":  # from a link that chose the ground and domain (a rights page)
            services.draft_prefill(draft, services.report_prefill(request.POST))
            # From a team's local entry (/l/<slug>/): the report goes to that team.
            services.draft_entry_set(draft, request.POST.get("entree", ""))
    if action == "start":
        return redirect("intake:report")
    return step_post(request, draft, to="intake:report", submit=_submit)


def step_post(request, draft, *, to: str, submit):
    """A POST of one of the report's steps: keep what was typed, move on, back or to the summary,
    and send from the summary with `submit(request, draft)`. Every answer is a redirect to `to`,
    the steps' one address. The one logic of the steps, for every space that fills them (the
    public form here, the partner space in recours.partners)."""
    posted_step = request.POST.get("step", "")
    action = request.POST.get("action", "next")

    if request.POST.get("goto") in steps.BY_NAME:  # "Modifier" on the summary
        draft.current_step = request.POST["goto"]
        draft.return_to_summary = True
        draft.save()
        return redirect(to)

    if posted_step == steps.SUMMARY:
        if action == "back":
            draft.current_step = steps.step_before(steps.SUMMARY)
            draft.return_to_summary = False
            draft.save()
            return redirect(to)
        if action == "submit":
            return submit(request, draft)
        return redirect(to)

    if posted_step not in steps.BY_NAME:
        return redirect(to)

    services.draft_save_step(draft, step=posted_step, posted=request.POST)

    if posted_step == "files":
        error = _handle_files(request, draft)
        if error or action in ("upload", "remove"):
            if error:
                services.draft_file_error_set(draft, error)
            draft.current_step = "files"
            draft.save()
            return redirect(to)

    if action == "back":
        draft.current_step = steps.step_before(posted_step) or posted_step
        draft.save()
        return redirect(to)

    form = services.draft_step_form(draft, posted_step, bound=True)
    valid = form.is_valid()
    services.draft_mark(draft, posted_step, valid=valid)
    if not valid:
        return show_errors(request, draft, posted_step, to=to)
    if posted_step == "where" and isinstance(form, WhereForm):
        draft.data["commune"] = form.cleaned_data["commune"]
    draft.current_step = steps.SUMMARY if draft.return_to_summary else steps.step_after(posted_step)
    draft.save()
    return redirect(to)


def _handle_files(request, draft) -> str:
    """Add or remove a file on the files step; the error to show, if any (shown by the GET after the redirect)."""
    remove = request.POST.get("remove")
    if remove and remove.isdigit():
        services.draft_detach(draft, int(remove))
        return ""
    upload = request.FILES.get("file")
    if upload is None:
        return ""
    if not ratelimit.draft_upload_allowed(request):
        return services.too_many_uploads_message(upload.name)
    if upload.size > settings.RECOURS_ATTACHMENT_MAX_BYTES:
        return too_large_message(upload.name)
    try:
        services.draft_attach(
            draft, name=upload.name, data=upload.read(), max_count=settings.RECOURS_ATTACHMENT_MAX_COUNT
        )
    except ValidationError as exc:
        return exc.messages[0]
    return ""


@admission_required  # past capacity, a 503 page that keeps the draft (core/admission.py)
def _submit(request, draft):
    if not ratelimit.report_submission_allowed(request):
        request.session[services.TOO_MANY_SESSION_KEY] = True
        return redirect("intake:report")
    try:
        case, receipt = services.report_submit_draft(draft, request.session)
    except services.ReportInvalid as exc:
        draft.return_to_summary = True
        return show_errors(request, draft, exc.first_step or steps.NAMES[0])
    # Shown once, by the GET this redirect leads to (services.receipt_hand_over).
    services.receipt_hand_over(request.session, receipt)
    return redirect("intake:report")


@require_POST
def quick_exit(request):
    """Called by the quick exit (beacon): forget the draft and end the session."""
    services.draft_discard(request.session)
    request.session.flush()
    return HttpResponse(status=204)


@require_http_methods(["GET", "POST"])
def followup(request):
    """The follow-up page, at one address: the receipt form, then the thread."""
    case = services.followup_case(request)
    if case is None:
        return _followup_login(request)
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "close":
        services.followup_close(request)
        return redirect("intake:followup")
    if action == "handover":
        _handover_answer(request, case)
        return redirect("intake:followup")
    form = MessageForm()
    status = 200
    if action == "message":
        form = MessageForm(request.POST, request.FILES)
        if not ratelimit.followup_message_allowed(request, case_id=case.pk):
            form.refuse(services.too_many_messages_message())  # what was typed stays in the form
            status = 429
        elif form.is_valid():
            upload = form.cleaned_data.get("file")
            try:
                message_add_by_person(
                    case=case,
                    body=form.cleaned_data["body"],
                    uploads=((upload.name, upload.read()),) if upload else (),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                request.session["followup_sent"] = True
                return redirect("intake:followup")
    sent = request.session.pop("followup_sent", False)
    handover_answer = request.session.pop("followup_handover", "")
    return render(
        request,
        "intake/followup.html",
        {
            "case": case,
            "status_text": case_person_status(case),
            "thread": case_thread(case),
            "report_attachments": case.attachments.filter(message__isnull=True),
            "form": form,
            "sent": sent,
            "handover_answer": handover_answer,
            "title": _("Suivi de votre signalement"),
        },
        status=status,
    )


def _handover_answer(request, case) -> None:
    """The person's yes or no to a hand-over proposed on her own case (never another's: 404)."""
    raw, decision = request.POST.get("orientation", ""), request.POST.get("decision", "")
    if not raw.isdigit() or decision not in ("accept", "refuse"):
        raise Http404
    try:
        case_handover_answer(
            case=case, orientation_id=int(raw), accept=decision == "accept",
            link_for=lambda token: request.build_absolute_uri(reverse("orientation:partner", args=[token])),
        )
    except ValidationError as exc:
        raise Http404 from exc
    request.session["followup_handover"] = decision


FOLLOWUP_LOGIN_REFUSED_KEY = "followup_login_refused"


@admission_required(methods=("POST",))  # the receipt check, not its form
def _followup_login(request):
    """The receipt form. Its POST is always answered by a redirect (post/redirect/get): a wrong
    code, or too many tries, is shown by the GET that follows, so that reloading the page or
    coming back to it never sends the code again (nor counts one more try)."""
    if request.method == "GET":
        return _followup_login_page(request, request.session.pop(FOLLOWUP_LOGIN_REFUSED_KEY, None))
    if not ratelimit.receipt_attempt_allowed(request):
        request.session[FOLLOWUP_LOGIN_REFUSED_KEY] = {"limited": True}
        return redirect("intake:followup")
    form = ReceiptForm(request.POST)
    if form.is_valid():
        case = case_for_receipt(form.cleaned_data["receipt"])
        if case is not None:
            services.followup_open(request, case)
            return redirect("intake:followup")
        form.add_error(
            "receipt", _("Ce code ne permet pas d'ouvrir un suivi. Vérifiez les 16 chiffres et réessayez.")
        )
    # The messages only: the code typed is not kept, the person types it again.
    request.session[FOLLOWUP_LOGIN_REFUSED_KEY] = {"errors": {name: list(errors) for name, errors in form.errors.items()}}
    return redirect("intake:followup")


def _followup_login_page(request, refused: dict | None):
    form = ReceiptForm()
    refused = refused or {}
    if refused.get("errors"):
        form.cleaned_data = {}  # an unbound form takes the errors of the POST before
        for name, messages in refused["errors"].items():
            for message in messages:
                form.add_error(name if name in form.fields else None, message)
    limited = bool(refused.get("limited"))
    return render(
        request,
        "intake/followup_login.html",
        {"form": form, "title": _("Suivre mon signalement"), "limited": limited},
        status=429 if limited else 200,
    )


def followup_attachment(request, attachment_id: int):
    """A file of the person's own case; nobody else's."""
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    case = services.followup_case(request)
    if case is None:
        raise Http404
    attachment = Attachment.objects.filter(pk=attachment_id, case=case).first()
    if attachment is None:
        raise Http404
    return attachment_response(attachment)
