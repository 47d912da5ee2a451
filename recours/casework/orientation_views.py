"""The orientation step of a case file, in the console, and the partner's page.

The partner's page (public, reached by the signed link of its mail) lives here too: it reads
and answers one orientation of a case, so it belongs to whoever owns orientations (casework);
the directory only lists services.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from recours.accounts.permissions import staff_required
from recours.casework import orientation as services
from recours.casework.orientation_forms import OrientationForm, PartnerAnswerForm
from recours.casework.selectors import case_criteria, case_domain, case_for_staff, orientations_for_case
from recours.core.audit import audit_record
from recours.directory.forms import DirectorySearchForm
from recours.directory.models import Service


def _case_or_404(request, reference):
    from django.http import Http404

    case = case_for_staff(request.user, reference)
    if case is None:
        raise Http404
    return case


def _search_initial(case) -> dict:
    """The search prefilled from the case: its place, criteria and domain (casework.selectors)."""
    domain = case_domain(case)
    initial = {"criteria": [c.pk for c in case_criteria(case)], "domain": domain.pk if domain else ""}
    if case.commune_id:
        initial["commune"] = case.commune_id
    initial["postal_code"] = case.postal_code
    return initial


@staff_required
@require_http_methods(["GET", "POST"])
def case_orient(request, reference: str):
    """Search the directory for the case, pick services, give or hand over."""
    case = _case_or_404(request, reference)
    action = request.POST.get("action", "search") if request.method == "POST" else "search"
    initial = _search_initial(case)
    if request.method == "POST":
        search_form = DirectorySearchForm(request.POST)
    elif initial.get("commune") or initial.get("postal_code"):
        search_form = DirectorySearchForm(initial)  # bound: the case's place gives results at once
    else:
        search_form = DirectorySearchForm(initial=initial)
    results = search_form.search(limit=30) if search_form.is_bound and search_form.is_valid() else None
    found_ids = [r.service.pk for r in results.all] if results else []
    picked = request.POST.getlist("services") if action == "record" else []
    orientation_form = OrientationForm(
        request.POST if action == "record" else None, service_ids=found_ids + [int(p) for p in picked if p.isdigit()],
    )
    if action == "record" and orientation_form.is_valid():
        data = orientation_form.cleaned_data
        chosen = list(Service.objects.select_related("structure").filter(pk__in=data["services"]))
        try:
            services.orientation_record(
                case=case, services=chosen, actor=request.user,
                hand_over=data["mode"] == OrientationForm.MODE_HAND_OVER, consent=data["consent"],
                shared=data["shared"], message=data["message"],
                link_for=lambda token: request.build_absolute_uri(reverse("orientation:partner", args=[token])),
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                orientation_form.add_error(field if field in orientation_form.fields else None, errors)
        else:
            messages.success(request, _("L'orientation est enregistrée."))
            return redirect(reverse("casework:case", args=[case.reference]) + "#orientation")
    audit_record(actor=request.user, action="orientation.search", case=case)
    return render(request, "casework/orientation/case_orient.html", {
        "title": _("Orienter — dossier %(reference)s") % {"reference": case.reference},
        "case": case, "search_form": search_form, "results": results, "orientation_form": orientation_form,
        "picked": [str(p) for p in picked], "orientations": orientations_for_case(case),
        "console_section": "queue",
    })


def _partner_page(request, orientation, *, form=None, status=200):
    return render(request, "casework/orientation/partner.html", {
        "title": _("Orientation reçue"), "orientation": orientation, "content": orientation.handover,
        "form": form or PartnerAnswerForm(),
    }, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def partner(request, token: str):
    """The partner's page, reached by the signed link of its mail: no account needed."""
    orientation = services.orientation_from_token(token)
    if orientation is None:
        response = render(request, "casework/orientation/partner_gone.html", {"title": _("Lien invalide ou expiré")}, status=404)
        response["X-Robots-Tag"] = "noindex"
        return response
    if request.method == "POST":
        action = request.POST.get("action")
        form = PartnerAnswerForm(request.POST)
        if action == "acknowledge":
            services.orientation_acknowledge(orientation=orientation)
        elif action in ("accept", "decline") and form.is_valid():
            try:
                services.orientation_answer(
                    orientation=orientation, accept=action == "accept", comment=form.cleaned_data["comment"],
                )
            except ValidationError as error:
                form.add_error(None, error)
                return _partner_page(request, orientation, form=form, status=400)
        elif action in ("accept", "decline"):
            return _partner_page(request, orientation, form=form, status=400)
        return redirect("orientation:partner", token=token)
    audit_record(actor=None, action="orientation.partner_view", case=orientation.case_id, orientation=orientation.pk)
    response = _partner_page(request, orientation)
    response["X-Robots-Tag"] = "noindex"
    return response
