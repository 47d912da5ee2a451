"""The library of legal answers: every staff member reads it, coordinators manage it.

A coordinator (or administrator) edits the templates of the teams they manage
(`accounts.selectors.teams_managed_by`); the national templates are managed by the
national team's managers (and the admin site).
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from recours.accounts.permissions import staff_required
from recours.accounts.selectors import MANAGER_ROLES, teams_managed_by
from recours.casework import selectors, services
from recours.casework.answers import PLACEHOLDERS
from recours.casework.forms import AnswerTemplateForm, TemplateSearchForm

@staff_required
@require_GET
def template_list(request):
    form = TemplateSearchForm(request.GET or None)
    query = form.cleaned_data.get("modeles", "") if form.is_valid() else ""
    managed = set(selectors.answer_templates_managed_by(request.user).values_list("pk", flat=True))
    templates = list(selectors.answer_templates_for(request.user, query))
    for template in templates:
        template.editable = template.pk in managed
    return render(
        request,
        "casework/templates_list.html",
        {
            "title": _("Réponses types"),
            "search_form": form,
            "templates": templates,
            "can_manage": teams_managed_by(request.user).exists(),
            "placeholders": PLACEHOLDERS,
            "console_section": "templates",
        },
    )


@staff_required
@require_GET
def template_by_key(request, key: str):
    """A reference answer by its key (how other content, such as the rights pages, links to
    the library without copying it): its edit page for whoever manages it, else the library
    searched for its title."""
    template = selectors.answer_templates_for(request.user).filter(key=key).first()
    if template is None:
        raise Http404
    if selectors.answer_templates_managed_by(request.user).filter(pk=template.pk).exists():
        return redirect("casework:template_edit", pk=template.pk)
    return redirect(reverse("casework:templates") + "?" + urlencode({"modeles": template.title}))


def _template_form_page(request, template=None):
    teams = list(teams_managed_by(request.user))
    national = any(team.is_national for team in teams)
    initial = {}
    if template is not None:
        initial = {"title": template.title, "topic": template.topic, "body": template.body,
                   "team": str(template.team_id or ""), "active": template.active}
    form = AnswerTemplateForm(request.POST or None, teams=teams, national=national, initial=initial)
    if request.method == "POST" and form.is_valid():
        team_id = form.cleaned_data["team"]
        team = next((team for team in teams if str(team.pk) == team_id), None)
        try:
            saved = services.answer_template_save(
                actor=request.user, title=form.cleaned_data["title"], topic=form.cleaned_data["topic"],
                body=form.cleaned_data["body"], team=team, template=template, active=form.cleaned_data["active"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(request, _("La réponse type « %(title)s » est enregistrée.") % {"title": saved.title})
            return redirect("casework:templates")
    title = _("Nouvelle réponse type") if template is None else _("Modifier « %(title)s »") % {"title": template.title}
    return render(
        request, "casework/template_form.html", {"title": title, "form": form, "console_section": "templates"}
    )


@staff_required(roles=MANAGER_ROLES)
@require_http_methods(["GET", "POST"])
def template_create(request):
    return _template_form_page(request)


@staff_required(roles=MANAGER_ROLES)
@require_http_methods(["GET", "POST"])
def template_edit(request, pk: int):
    template = selectors.answer_templates_managed_by(request.user).filter(pk=pk).first()
    if template is None:
        raise Http404
    return _template_form_page(request, template)
