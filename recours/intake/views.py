"""Public pages of the report: the form (one address for every step) and the follow-up."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from recours.casework.attachments import too_large_message
from recours.casework.models import Attachment
from recours.casework.selectors import case_for_receipt, case_person_status, case_thread
from recours.casework.services import message_add_by_person
from recours.core import ratelimit
from recours.core.receipts import receipt_format
from recours.intake import services, steps
from recours.intake.forms import WhereForm
from recours.intake.summary import summary_rows
from recours.intake.followup_forms import MessageForm, ReceiptForm


def _render_step(request, draft, step_name: str, form=None, *, status: int = 200, file_error: str = ""):
    if step_name == steps.SUMMARY:
        return render(request, "intake/summary.html", {"rows": summary_rows(draft), "title": _("Vérifiez avant d'envoyer")})
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
    }
    return render(request, f"intake/steps/{step_name}.html", context, status=status)


@require_http_methods(["GET", "POST"])
def report(request):
    """Every step of the report at one address, so the browser's history shows nothing of it."""
    draft = services.draft_get(request.session)
    if request.method == "GET":
        if draft is None:
            # A start page, not the form: after a quick exit, the back button lands here,
            # on a page with nothing typed and no question asked.
            return render(request, "intake/start.html", {"title": _("Signaler une situation")})
        return _render_step(request, draft, draft.current_step)

    draft = draft or services.draft_start(request.session)
    posted_step = request.POST.get("step", "")
    action = request.POST.get("action", "next")
    if action == "start":
        return redirect("intake:report")

    if request.POST.get("goto") in steps.BY_NAME:  # "Modifier" on the summary
        draft.current_step = request.POST["goto"]
        draft.return_to_summary = True
        draft.save()
        return redirect("intake:report")

    if posted_step == steps.SUMMARY:
        if action == "back":
            draft.current_step = steps.step_before(steps.SUMMARY)
            draft.return_to_summary = False
            draft.save()
            return redirect("intake:report")
        if action == "submit":
            return _submit(request, draft)
        return redirect("intake:report")

    if posted_step not in steps.BY_NAME:
        return redirect("intake:report")

    services.draft_save_step(draft, step=posted_step, posted=request.POST)

    if posted_step == "files":
        error = _handle_files(request, draft)
        if error or action in ("upload", "remove"):
            draft.current_step = "files"
            draft.save()
            if error:
                return _render_step(request, draft, "files", file_error=error)
            return redirect("intake:report")

    if action == "back":
        draft.current_step = steps.step_before(posted_step) or posted_step
        draft.save()
        return redirect("intake:report")

    form = services.draft_step_form(draft, posted_step, bound=True)
    valid = form.is_valid()
    services.draft_mark(draft, posted_step, valid=valid)
    if not valid:
        draft.current_step = posted_step
        draft.save()
        return _render_step(request, draft, posted_step, form)
    if posted_step == "where" and isinstance(form, WhereForm):
        draft.data["commune"] = form.cleaned_data["commune"]
    draft.current_step = steps.SUMMARY if draft.return_to_summary else steps.step_after(posted_step)
    draft.save()
    return redirect("intake:report")


def _handle_files(request, draft) -> str:
    """Add or remove a file on the files step; the error to show, if any."""
    remove = request.POST.get("remove")
    if remove and remove.isdigit():
        services.draft_detach(draft, int(remove))
        return ""
    upload = request.FILES.get("file")
    if upload is None:
        return ""
    if upload.size > settings.RECOURS_ATTACHMENT_MAX_BYTES:
        return too_large_message(upload.name)
    try:
        services.draft_attach(
            draft, name=upload.name, data=upload.read(), max_count=settings.RECOURS_ATTACHMENT_MAX_COUNT
        )
    except ValidationError as exc:
        return exc.messages[0]
    return ""


def _submit(request, draft):
    if not ratelimit.report_submission_allowed(request):
        return render(request, "intake/too_many.html", {"title": _("Trop de signalements envoyés")}, status=429)
    try:
        case, receipt = services.report_submit_draft(draft, request.session)
    except services.ReportInvalid as exc:
        step_name = exc.first_step or steps.NAMES[0]
        draft.current_step = step_name
        draft.return_to_summary = True
        draft.save()
        form = services.draft_step_form(draft, step_name, bound=True)
        form.is_valid()
        return _render_step(request, draft, step_name, form)
    # Shown once, in the answer to the sending itself: the receipt is stored nowhere.
    return render(
        request,
        "intake/receipt.html",
        {"receipt": receipt_format(receipt), "title": _("Votre signalement est envoyé")},
    )


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
    form = MessageForm()
    if action == "message":
        form = MessageForm(request.POST, request.FILES)
        if form.is_valid():
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
            "title": _("Suivi de votre signalement"),
        },
    )


def _followup_login(request):
    if request.method == "GET":
        return render(request, "intake/followup_login.html", {"form": ReceiptForm(), "title": _("Suivre mon signalement")})
    if not ratelimit.receipt_attempt_allowed(request):
        return render(
            request,
            "intake/followup_login.html",
            {"form": ReceiptForm(), "title": _("Suivre mon signalement"), "limited": True},
            status=429,
        )
    form = ReceiptForm(request.POST)
    if form.is_valid():
        case = case_for_receipt(form.cleaned_data["receipt"])
        if case is not None:
            services.followup_open(request, case)
            return redirect("intake:followup")
        form.add_error(
            "receipt", _("Ce code ne permet pas d'ouvrir un suivi. Vérifiez les 16 chiffres et réessayez.")
        )
    return render(request, "intake/followup_login.html", {"form": form, "title": _("Suivre mon signalement")})


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
    response = HttpResponse(attachment.data, content_type=attachment.content_type)
    response["Content-Disposition"] = f'attachment; filename="{attachment.filename}"'
    response["Cache-Control"] = "no-store"
    return response
