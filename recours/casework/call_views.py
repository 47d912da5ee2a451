"""The phone call sheet: a new call becomes a case; calls and callbacks of a case.

The services (calls.py) do the work, the forms hand them what was typed. Opening the sheet
of a case writes only the audit event of that read (`call.sheet_open`).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from recours.accounts.permissions import staff_required
from recours.accounts.selectors import colleagues_of
from recours.casework import calls, selectors
from recours.casework.call_forms import CallbackFields, CallSheetForm, CaseCallForm, started_stamp
from recours.casework.models import CallDirection, CallScenario, ScheduledCall
from recours.casework.views import _case_or_404, _form_errors_from
from recours.core.audit import audit_record


@staff_required
@never_cache
@require_http_methods(["GET", "POST"])
def call_new(request):
    """"Nouvel appel": the sheet of an incoming call, which records it as a case."""
    colleagues = list(colleagues_of(request.user))
    if request.method == "GET":
        form = CallSheetForm(initial={"started": started_stamp(), "scenario": CallScenario.VICTIM},
                             colleagues=colleagues)
        return _render_sheet(request, form)
    form = CallSheetForm(request.POST, colleagues=colleagues)
    if form.is_valid():
        data = form.cleaned_data
        try:
            case, receipt, _call = calls.call_sheet_create_case(
                scenario=data["scenario"], steps=form.steps(), actor=request.user, started_at=data["started"],
                duration_minutes=data.get("duration_minutes"), caller_role=data.get("caller_role", ""),
                postal_code=data.get("postal_code", ""), commune=form.commune_id(),
                criteria=tuple(data["criteria"]), domain=data.get("domain") or None,
                period=data.get("period", ""), contact=form.contact(), next_callback=form.callback.plan(),
            )
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            # The receipt is shown once, here, to read out: no redirect (it would sit in a URL).
            return render(request, "casework/call_created.html", {
                "title": _("Appel enregistré"), "case": case, "receipt": receipt, "console_section": "calls",
            })
    if form.cleaned_data.get("started") is None:
        form.data = form.data.copy()
        form.data["started"] = started_stamp()
    return _render_sheet(request, form, status=400)


def _render_sheet(request, form, status=200):
    scenario = form["scenario"].value() or CallScenario.VICTIM
    return render(request, "casework/call_sheet.html", {
        "title": _("Nouvel appel"), "form": form, "guide": _guide(form, scenario),
        "console_section": "calls",
    }, status=status)


def _guide(form, scenario):
    """Each step's field with the guidance of every scenario (the page shows the chosen one)."""
    by_scenario = {s: calls.step_guidance(s) for s in CallScenario.values}
    return [
        {"field": field, "guidance": {s: by_scenario[s][i]["guidance"] for s in CallScenario.values}}
        for i, field in enumerate(form.step_fields())
    ]


@staff_required
@never_cache
@require_http_methods(["GET", "POST"])
def case_call(request, reference: str):
    """Note a call on a case (a callback it answers is marked done) and maybe plan the next one."""
    case = _case_or_404(request, reference)
    colleagues = list(selectors.case_colleagues(case))
    callback = calls.callback_to_make(case, request.GET.get("rappel") or request.POST.get("callback"))
    if request.method == "GET":
        initial = {"scenario": (case.details or {}).get("call_scenario", CallScenario.VICTIM),
                   "direction": CallDirection.OUTGOING if callback else CallDirection.INCOMING,
                   "callback": callback.pk if callback else None}
        form = CaseCallForm(initial=initial, colleagues=colleagues)
        audit_record(actor=request.user, action="call.sheet_open", case=case)
        return _render_case_call(request, case, form, callback)
    form = CaseCallForm(request.POST, colleagues=colleagues)
    if form.is_valid():
        data = form.cleaned_data
        try:
            calls.call_record(
                case=case, actor=request.user, scenario=data["scenario"], steps=form.steps(),
                direction=data["direction"], duration_minutes=data.get("duration_minutes"), callback=callback,
                next_callback=form.schedule.plan(),
            )
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, _("L'appel est noté."))
            return redirect(reverse("casework:case", args=[case.reference]) + "#appels")
    return _render_case_call(request, case, form, callback, status=400)


@staff_required
@never_cache
@require_http_methods(["GET", "POST"])
def callback_plan(request, reference: str):
    """Plan an outgoing call to the person from any open case (a letter, an email, a desk visit,
    a form...): it waits among the team's callbacks like one noted after a call."""
    case = _case_or_404(request, reference)
    colleagues = list(selectors.case_colleagues(case))
    form = CallbackFields(request.POST or None, auto_id="plan_%s")
    form.set_colleagues(colleagues)
    form.require_date()
    if request.method == "POST" and form.is_valid():
        try:
            calls.callback_schedule(case=case, plan=form.plan(), actor=request.user)
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, _("L'appel est prévu : il apparaît dans les rappels de l'équipe."))
            return redirect(reverse("casework:case", args=[case.reference]) + "#appels")
    return render(request, "casework/callback_plan.html", {
        "title": _("Prévoir un appel — dossier %(reference)s") % {"reference": case.reference},
        "case": case, "form": form, "console_section": "queue",
    }, status=400 if form.errors else 200)


def _render_case_call(request, case, form, callback, status=200):
    return render(request, "casework/case_call.html", {
        "title": _("Noter un appel — dossier %(reference)s") % {"reference": case.reference},
        "case": case, "form": form, "callback": callback, "console_section": "queue",
        "guide": [{"field": f, "guidance": {}} for f in form.step_fields()],
    }, status=status)


@staff_required
@require_POST
def callback_cancel(request, reference: str, callback_id: int):
    case = _case_or_404(request, reference)
    callback = get_object_or_404(ScheduledCall, pk=callback_id, case=case)
    try:
        calls.callback_cancel(callback=callback, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Le rappel est annulé."))
    return redirect(reverse("casework:case", args=[case.reference]) + "#appels")
