"""Console screens where the national coordinators keep the rights pages: list, edit, versions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from recours.accounts.permissions import staff_required
from recours.accounts.selectors import MANAGER_ROLES
from recours.rights import selectors, services
from recours.rights.forms import RightsPageForm
from recours.rights.models import RightsPage


def _editable_or_404(request, slug: str) -> RightsPage:
    """The page, for an editor; a 404 for anyone else (a coordinator of another team included)."""
    if not selectors.rights_editor(request.user):
        raise Http404
    page = RightsPage.objects.select_related("ground", "domain", "updated_by").filter(slug=slug).first()
    if page is None:
        raise Http404
    return page


@staff_required(roles=MANAGER_ROLES)
@never_cache
@require_GET
def page_list(request):
    if not selectors.rights_editor(request.user):
        raise Http404
    pages = RightsPage.objects.select_related("ground", "domain").order_by("ground__position", "domain__position", "title")
    return render(request, "rights/console_list.html", {
        "title": _("Connaître mes droits"), "pages": pages, "console_section": "rights",
    })


@staff_required(roles=MANAGER_ROLES)
@never_cache
@require_http_methods(["GET", "POST"])
def page_edit(request, slug: str):
    page = _editable_or_404(request, slug)
    if request.method == "GET":
        form = RightsPageForm(initial=RightsPageForm.initial_from(page))
        return _render_form(request, page, form)
    form = RightsPageForm(request.POST)
    if form.is_valid():
        try:
            services.rights_page_save(page=page, actor=request.user, values=form.values(), note=form.cleaned_data["note"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("La page est enregistrée (version %(version)d).") % {"version": page.version + 1})
            return redirect("rights_console:edit", slug=page.slug)
    return _render_form(request, page, form, status=400)


def _render_form(request, page, form, *, status: int = 200):
    return render(request, "rights/console_edit.html", {
        "title": page.title, "page": page, "form": form, "console_section": "rights",
    }, status=status)


@staff_required(roles=MANAGER_ROLES)
@never_cache
@require_GET
def page_versions(request, slug: str):
    page = _editable_or_404(request, slug)
    return render(request, "rights/console_versions.html", {
        "title": _("Versions de « %(title)s »") % {"title": page.title}, "page": page,
        "versions": page.versions.select_related("saved_by"), "console_section": "rights",
    })
