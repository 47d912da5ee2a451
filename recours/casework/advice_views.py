"""Advice between teams: the "Avis demandés" tab of a team asked for advice on another team's case.

The asked team sees only the question, the case's reference, its domain and criteria and
the asking team — never the narrative, contact or thread (the case stays out of its
`cases_visible_to`). Every read of a request is audited on the case.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from recours.accounts.permissions import staff_required
from recours.casework import selectors, services
from recours.casework.forms import AdviceAnswerForm
from recours.core.audit import audit_record


@staff_required
@require_GET
def advice_list(request):
    requests = list(selectors.advice_requests_for(request.user)[:200])
    return render(
        request,
        "casework/advice_list.html",
        {
            "title": _("Avis demandés à vos équipes"),
            "pending": [item for item in requests if item.answered_at is None],
            "answered": [item for item in requests if item.answered_at is not None],
            "console_section": "advice",
        },
    )


def _advice_summary(advice) -> list[dict]:
    case = advice.case
    criteria = [f"{c.label} — {c.legal_source}" for c in selectors.case_criteria(case)]
    domain = selectors.case_domain(case)
    return [
        {"key": _("Dossier"), "value": case.reference},
        {"key": _("Équipe qui demande"), "value": advice.from_team.name},
        {"key": _("Demandé par"), "value": (advice.asked_by.get_full_name() or advice.asked_by.get_username()) if advice.asked_by else "—"},
        {"key": _("Domaine"), "value": domain.label if domain else "—"},
        {"key": _("Critères"), "value": "\n".join(criteria) or "—"},
    ]


@staff_required
@require_http_methods(["GET", "POST"])
def advice_detail(request, pk: int):
    advice = selectors.advice_request_for_staff(request.user, pk)
    if advice is None:
        raise Http404
    form = AdviceAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.advice_answer(advice=advice, answer=form.cleaned_data["answer"], actor=request.user)
        except ValidationError as exc:
            for error in exc.messages:
                form.add_error("answer", error)
        else:
            messages.success(request, _("Votre avis est envoyé à l'équipe %(team)s.") % {"team": advice.from_team.name})
            return redirect("casework:advice_list")
    if request.method == "GET":
        audit_record(actor=request.user, action="advice.view", case=advice.case_id, advice=advice.pk)
    return render(
        request,
        "casework/advice_detail.html",
        {
            "title": _("Demande d'avis sur le dossier %(reference)s") % {"reference": advice.case.reference},
            "advice": advice,
            "rows": _advice_summary(advice),
            "form": form,
            "console_section": "advice",
        },
    )
