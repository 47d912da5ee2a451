"""The phone call sheet: a new call becomes a case; calls and callbacks of a case."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from recours.accounts.permissions import staff_required
from recours.casework import calls, selectors
from recours.casework.call_forms import CallSheetForm, CaseCallForm, started_stamp
from recours.casework.models import CallDirection, CallScenario, ScheduledCall
from recours.casework.views import _case_or_404, _form_errors_from
from recours.core.audit import audit_record


def _colleagues_of(user):
    from django.contrib.auth import get_user_model

    from recours.accounts.selectors import memberships_of

    team_ids = list(memberships_of(user).values_list("team_id", flat=True))
    return (get_user_model().objects.filter(is_active=True, memberships__team_id__in=team_ids)
            .distinct().order_by("first_name", "last_name", "username"))


def _assignee(form, colleagues):
    pk = form.cleaned_data.get("callback_assignee")
    return next((user for user in colleagues if str(user.pk) == pk), None) if pk else None


def _schedule_if_asked(*, case, form, colleagues, actor):
    data = form.cleaned_data
    if data.get("callback_at"):
        calls.callback_schedule(
            case=case, due_at=data["callback_at"], reason=data.get("callback_reason", ""),
            assigned_to=_assignee(form, colleagues), actor=actor,
        )


@staff_required
@never_cache
@require_http_methods(["GET", "POST"])
def call_new(request):
    """"Nouvel appel": the sheet of an incoming call, which records it as a case."""
    colleagues = list(_colleagues_of(request.user))
    if request.method == "GET":
        form = CallSheetForm(initial={"started": started_stamp(), "scenario": CallScenario.VICTIM},
                             colleagues=colleagues)
        return _render_sheet(request, form)
    form = CallSheetForm(request.POST, colleagues=colleagues)
    if form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():  # the case and its callback, or nothing: a retry makes no twin
                case, receipt, _call = calls.call_sheet_create_case(
                    scenario=data["scenario"], steps=form.steps(), actor=request.user, started_at=data["started"],
                    duration_minutes=data.get("duration_minutes"), caller_role=data.get("caller_role", ""),
                    postal_code=data.get("postal_code", ""), commune=form.commune(),
                    criteria=tuple(data["criteria"]), domain=data.get("domain") or None,
                    period=data.get("period", ""), contact=form.contact(),
                )
                _schedule_if_asked(case=case, form=form.callback, colleagues=colleagues, actor=request.user)
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
    callback_id = request.GET.get("rappel") or request.POST.get("callback")
    callback = None
    if callback_id and str(callback_id).isdigit():
        callback = ScheduledCall.objects.filter(pk=int(callback_id), case=case, done_at__isnull=True,
                                                cancelled_at__isnull=True).first()
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
            with transaction.atomic():
                calls.call_record(
                    case=case, actor=request.user, scenario=data["scenario"], steps=form.steps(),
                    direction=data["direction"], duration_minutes=data.get("duration_minutes"), callback=callback,
                )
                _schedule_if_asked(case=case, form=form.schedule, colleagues=colleagues, actor=request.user)
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, _("L'appel est noté."))
            return redirect(reverse("casework:case", args=[case.reference]) + "#appels")
    return _render_case_call(request, case, form, callback, status=400)


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

