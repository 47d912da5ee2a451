"""The referral file (saisine) of a case: prepare it, mark it ready or sent, export it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from recours.accounts.permissions import staff_required
from recours.casework import referral as service
from recours.casework.models import Status
from recours.casework.referral_forms import ReferralForm
from recours.casework.views import _case_or_404, _form_errors_from
from recours.core.audit import audit_record

ACTIONS = ("save", "ready", "sent")


@staff_required
@never_cache
@require_http_methods(["GET", "POST"])
def referral_edit(request, reference: str):
    case = _case_or_404(request, reference)
    referral = service.referral_get(case)
    if request.method == "GET":
        form = ReferralForm(initial=ReferralForm.initial_from(service.referral_content(case), referral))
        audit_record(actor=request.user, action="referral.view", case=case)
        return _render(request, case, referral, form)
    action = request.POST.get("action", "save")
    if action == "offer":
        return _offer(request, case)
    form = ReferralForm(request.POST)
    if action in ACTIONS and form.is_valid():
        data = form.cleaned_data
        try:
            if action == "sent":
                service.referral_mark_sent(case=case, actor=request.user)
                message = _("La saisine est marquée transmise.")
            else:
                referral = service.referral_save(case=case, content=form.content(), actor=request.user,
                                                 consent=data["consent"], consent_how=data["consent_how"])
                message = _("La saisine est enregistrée.")
                if action == "ready":
                    service.referral_mark_ready(case=case, actor=request.user)
                    message = _("La saisine est prête à transmettre : exportez-la en PDF.")
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, message)
            return redirect(reverse("casework:referral", args=[case.reference]))
    referral = service.referral_get(case)
    return _render(request, case, referral, form, status=400)


def _offer(request, case):
    """Give the ready file to the person, on her follow-up page (PDF and JSON)."""
    try:
        service.referral_offer(
            case=case, actor=request.user, followup_url=request.build_absolute_uri(reverse("intake:followup"))
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Le dossier de saisine est remis à la personne : elle peut le télécharger "
                                    "sur sa page de suivi."))
    return redirect(reverse("casework:referral", args=[case.reference]))


def _render(request, case, referral, form, status=200):
    return render(request, "casework/referral.html", {
        "title": _("Saisine du Défenseur des droits — dossier %(reference)s") % {"reference": case.reference},
        "case": case, "referral": referral, "form": form, "console_section": "queue",
        "is_closed": case.status == Status.CLOSED, "defender_url": service.DEFENDER_URL,
    }, status=status)


def _export(request, reference, extension, content_type, build):
    case = _case_or_404(request, reference)
    try:
        body = build(case=case, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(reverse("casework:referral", args=[case.reference]))
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{service.referral_filename(case, extension)}"'
    response["Cache-Control"] = "no-store"
    return response


@staff_required
@require_GET
def referral_pdf(request, reference: str):
    return _export(request, reference, "pdf", "application/pdf", service.referral_pdf)


@staff_required
@require_GET
def referral_json(request, reference: str):
    return _export(request, reference, "json", "application/json; charset=utf-8", service.referral_json)
