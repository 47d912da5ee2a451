"""Console screens where coordinators keep the directory: list, create, edit, verify, retire."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from recours.accounts.permissions import staff_required
from recours.accounts.selectors import MANAGER_ROLES
from recours.directory import coordination, services
from recours.directory.coordination_forms import CoordinationFilterForm, ServiceEntryForm
from recours.directory.schema import RowError

PAGE_SIZE = 50


def _editable_or_404(request, pk: int):
    service = coordination.services_editable_by(request.user).filter(pk=pk).first()
    if service is None:
        raise Http404
    return service


def _entry_form(request, data=None, initial=None):
    return ServiceEntryForm(
        data, initial=initial, teams=coordination.editor_teams(request.user),
        team_optional=coordination.keeps_everything(request.user),
    )


@staff_required(roles=MANAGER_ROLES)
@never_cache
def entry_list(request):
    form = CoordinationFilterForm(request.GET or None)
    entries = coordination.services_editable_by(request.user)
    state, query = "", ""
    if form.is_valid():
        state, query = form.cleaned_data["etat"], form.cleaned_data["q"].strip()
    if state == "a_verifier":
        entries = coordination.services_to_verify(entries)
    elif state == "retires":
        entries = entries.filter(retired_at__isnull=False)
    elif state != "tous":
        entries = entries.filter(retired_at__isnull=True)
    if query:
        entries = entries.filter(Q(nom__icontains=query) | Q(structure__nom__icontains=query))
    page = Paginator(entries.order_by("nom", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    to_verify = coordination.services_to_verify(coordination.services_editable_by(request.user)).count()
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "directory/coordination_list.html", {
        "title": _("Annuaire"), "form": form, "page": page, "to_verify": to_verify,
        "query_string": params.urlencode(), "console_section": "directory",
        "keeps_everything": coordination.keeps_everything(request.user),
    })


@staff_required(roles=MANAGER_ROLES)
@never_cache
@require_http_methods(["GET", "POST"])
def entry_create(request):
    teams = coordination.editor_teams(request.user)
    if request.method == "GET":
        form = _entry_form(request, initial={"team": str(teams[0].pk) if teams else "", "zone_eligibilite": ""})
        return _render_form(request, form, None)
    return _save(request, None, _("La fiche est créée."))


@staff_required(roles=MANAGER_ROLES)
@never_cache
@require_http_methods(["GET", "POST"])
def entry_edit(request, pk: int):
    service = _editable_or_404(request, pk)
    if request.method == "GET":
        return _render_form(request, _entry_form(request, initial=ServiceEntryForm.initial_from(service)), service)
    return _save(request, service, _("La fiche est enregistrée."))


def _save(request, service, message: str):
    """The POST of the form, new entry (`service` None) or edit: saved and back to it, or the
    form again with the reasons, by field."""
    form = _entry_form(request, request.POST)
    if form.is_valid():
        service_row, structure_row = form.rows()
        try:
            saved = coordination.service_save(actor=request.user, service=service, row=service_row,
                                              structure_row=structure_row, team=form.chosen_team())
        except RowError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, message)
            return redirect(reverse("directory_coordination:edit", args=[saved.pk]))
    return _render_form(request, form, service, status=400)


def _errors_to_form(form, error: RowError) -> None:
    for field, message in error.errors.items():
        form.add_error(field if field in form.fields else None, message if field in form.fields else
                       f"{field} : {message}")


def _render_form(request, form, service, status=200):
    title = _("Nouvelle fiche") if service is None else _("Fiche : %(name)s") % {"name": service.nom}
    return render(request, "directory/coordination_form.html", {
        "title": title, "form": form, "service": service, "console_section": "directory",
    }, status=status)


def _state_change(request, pk: int, change, message: str):
    service = _editable_or_404(request, pk)
    change(service=service, actor=request.user)
    messages.success(request, message)
    return redirect(reverse("directory_coordination:edit", args=[service.pk]))


@staff_required(roles=MANAGER_ROLES)
@require_POST
def entry_verify(request, pk: int):
    return _state_change(request, pk, services.service_verify, _("La fiche est marquée vérifiée aujourd'hui."))


@staff_required(roles=MANAGER_ROLES)
@require_POST
def entry_retire(request, pk: int):
    return _state_change(request, pk, services.service_retire,
                         _("La fiche est retirée : elle ne sort plus dans les recherches."))


@staff_required(roles=MANAGER_ROLES)
@require_POST
def entry_restore(request, pk: int):
    return _state_change(request, pk, services.service_restore, _("La fiche est remise en service."))
