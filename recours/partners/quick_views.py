"""Quick intake in the field (/partenaires/terrain/): a relay meets someone in the street, at a
market or a permanence and takes, in a few minutes on a phone, what the person agrees to give —
who she is in the situation, what happened, where, how to reach her — for an adviser to complete
later with her.

The questions are the public form's own (intake's step forms and templates); each step is saved
on the server as soon as it is sent (a draft under its own session key: on a poor connection
nothing typed is lost, and nothing is kept in the browser), at one address.
"""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from recours.intake import services as intake
from recours.intake.forms import ContactForm, RoleForm, WhatForm, WhereForm
from recours.intake.steps import BY_NAME
from recours.intake.views import render_step, show_errors
from recours.partners import services
from recours.partners.forms import ReportConsentForm
from recours.partners.permissions import partner_member_required
from recours.partners.views import _context, _receipt_page

QUICK_STEPS = ("role", "what", "where", "contact")
QUICK_FORMS = (RoleForm, WhatForm, WhereForm, ContactForm)
DRAFT_KEY = "partner_quick_draft"
URL = "partners:quick"


def _step_page(request, draft):
    name = draft.current_step if draft.current_step in QUICK_STEPS else QUICK_STEPS[0]
    index = QUICK_STEPS.index(name)
    form = None
    if request.session.pop(intake.ERRORS_SESSION_KEY, None) == name:
        form = intake.draft_step_form(draft, name, bound=True)
        form.is_valid()
    following = QUICK_STEPS[index + 1] if index + 1 < len(QUICK_STEPS) else None
    return render_step(request, draft, name, form, form_action=reverse(URL), extra={
        "number": index + 1, "total": len(QUICK_STEPS), "has_back": index > 0, "return_to_summary": False,
        "next_title": BY_NAME[following].title if following else _("Envoi"),
    })


@partner_member_required
@require_http_methods(["GET", "POST"])
def quick(request):
    session = request.session
    draft = intake.draft_get(session, key=DRAFT_KEY)
    started = draft is not None and services.report_consent(draft) is not None
    if request.method == "GET":
        receipt = intake.receipt_take(session)
        if receipt:
            return _receipt_page(request, receipt)
        if not started:
            return render(request, "partners/quick_start.html", _context(
                request, title=_("Recueil rapide sur le terrain"), form=ReportConsentForm(), section="report",
            ))
        return _step_page(request, draft)
    if not started:
        form = ReportConsentForm(request.POST)
        if not form.is_valid():
            return render(request, "partners/quick_start.html", _context(
                request, title=_("Recueil rapide sur le terrain"), form=form, section="report",
            ), status=400)
        services.report_start(session=session, key=DRAFT_KEY, **{
            k: form.cleaned_data[k] for k in ("person_present", "share_with_partner", "contact_way")
        })
        return redirect(URL)
    name = request.POST.get("step", "")
    if name not in QUICK_STEPS:
        return redirect(URL)
    intake.draft_save_step(draft, step=name, posted=request.POST)  # saved whatever comes next
    index = QUICK_STEPS.index(name)
    if request.POST.get("action") == "back":
        draft.current_step = QUICK_STEPS[max(0, index - 1)]
        draft.save()
        return redirect(URL)
    form = intake.draft_step_form(draft, name, bound=True)
    if not form.is_valid():
        return show_errors(request, draft, name, to=URL)
    if name == "where" and isinstance(form, WhereForm):
        draft.data["commune"] = form.cleaned_data["commune"]
    if index + 1 < len(QUICK_STEPS):
        draft.current_step = QUICK_STEPS[index + 1]
        draft.save()
        return redirect(URL)
    draft.save()
    try:
        _case, receipt = services.report_submit(
            draft=draft, session=session, partner=request.partner_member.partner, member_user=request.user,
            form_classes=QUICK_FORMS, key=DRAFT_KEY, quick=True,
        )
    except intake.ReportInvalid as exc:
        return show_errors(request, draft, exc.first_step if exc.first_step in QUICK_STEPS else QUICK_STEPS[0], to=URL)
    intake.receipt_hand_over(session, receipt)
    return redirect(URL)
