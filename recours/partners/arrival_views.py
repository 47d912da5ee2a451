"""Recording a report that came by letter, email or in person: for staff (console) and for
partner members (their space); the same page, the same service (arrivals.py)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from recours.accounts.permissions import staff_required
from recours.casework.selectors import cases_visible_to
from recours.intake import services as intake
from recours.partners import arrivals
from recours.partners.forms import ArrivalForm, PartnerArrivalForm
from recours.partners.permissions import partner_member_required
from recours.partners.views import _context, _errors_to_form, _receipt_page


def _arrival(request, *, form_class, partner, template: str, receipt_url: str, done, context: dict):
    posted = request.method == "POST"
    form = form_class(request.POST if posted else None, request.FILES if posted else None)
    steps = arrivals.arrival_forms(request.POST if posted else None)
    if posted and form.is_valid():
        upload = form.cleaned_data.get("document")
        try:
            case, code = arrivals.arrival_record(
                data=request.POST, channel=form.cleaned_data["channel"], actor=request.user,
                receipt_by=form.cleaned_data["receipt_by"],
                followup_url=request.build_absolute_uri(reverse("intake:followup")),
                document=(upload.name, upload.read()) if upload else None, partner=partner,
                share_with_partner=form.cleaned_data.get("share_with_partner", False),
            )
        except intake.ReportInvalid:
            pass  # the step forms, bound above, show each error
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            if form.cleaned_data["receipt_by"] == arrivals.RECEIPT_BY_CARD:
                intake.receipt_hand_over(request.session, code)  # shown once, by the GET that follows
                return redirect(receipt_url)
            messages.success(request, _("Le signalement est enregistré ; le code de suivi est envoyé à la personne par courriel."))
            return done(case)
    return render(request, template, {
        **context, "form": form, "step_forms": steps,
        "title": _("Enregistrer un signalement reçu par courrier, courriel ou à l'accueil"),
    }, status=400 if posted else 200)


@staff_required
@require_http_methods(["GET", "POST"])
def staff_arrival(request):
    def done(case):
        if cases_visible_to(request.user).filter(pk=case.pk).exists():
            return redirect("casework:case", reference=case.reference)
        return redirect("partners_arrivals:new")

    return _arrival(
        request, form_class=ArrivalForm, partner=None, template="partners/arrival_console.html",
        receipt_url=reverse("partners_arrivals:receipt"), done=done, context={"console_section": "arrivals"},
    )


@staff_required
@require_GET
def staff_receipt(request):
    receipt = intake.receipt_take(request.session)
    if not receipt:
        return redirect("partners_arrivals:new")
    return _receipt_page(request, receipt, template="partners/receipt_console.html")


@partner_member_required
@require_http_methods(["GET", "POST"])
def partner_arrival(request):
    partner = request.partner_member.partner
    return _arrival(
        request, form_class=PartnerArrivalForm, partner=partner, template="partners/arrival_partner.html",
        receipt_url=reverse("partners:arrival_receipt"),
        done=lambda case: redirect("partners:case", reference=case.reference),
        context=_context(request, section="report"),
    )


@partner_member_required
@require_GET
def partner_receipt(request):
    receipt = intake.receipt_take(request.session)
    if not receipt:
        return redirect("partners:arrival")
    return _receipt_page(request, receipt)
