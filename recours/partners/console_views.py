"""The coordinators' page of the partner spaces, in the console: open a space for a structure of
the directory and invite its first member (who then manages the others)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from recours.accounts.permissions import staff_required
from recours.accounts.selectors import MANAGER_ROLES
from recours.directory.models import Structure
from recours.partners import services
from recours.partners.forms import PartnerCreateForm
from recours.partners.models import Partner
from recours.partners.selectors import handover_figures


@staff_required(roles=MANAGER_ROLES)
@require_http_methods(["GET", "POST"])
def partner_list(request):
    form = PartnerCreateForm(request.POST or None, structures=Structure.objects.order_by("nom"))
    if request.method == "POST" and form.is_valid():
        partner = services.partner_create(structure=form.cleaned_data["structure"], actor=request.user)
        services.invitation_create(
            partner=partner, email=form.cleaned_data["email"], is_admin=True, actor=request.user,
            link_for=lambda token: request.build_absolute_uri(reverse("partners:join", args=[token])),
        )
        messages.success(request, _("L'espace partenaire est ouvert et l'invitation envoyée."))
        return redirect("partners_console:list")
    partners = list(Partner.objects.select_related("structure").prefetch_related("members"))
    return render(request, "partners/console_list.html", {
        "title": _("Partenaires"), "form": form, "partners": partners, "console_section": "partners",
        "figures": handover_figures(partners),
    })
