"""The collective treatment's console pages (thin: forms in, services and selectors, templates out).

A case is looked up in `cases_visible_to` (another team's case is a 404); a collective file or a
campaign in the user's teams (404 otherwise); every change needs a manager of its team (403 for a
member who does not manage it). Reads of files and campaigns are audited.
"""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from recours.accounts.permissions import refuse, staff_required
from recours.accounts.selectors import teams_managed_by
from recours.casework.attachments import attachment_response
from recours.casework.selectors import case_for_staff, cases_visible_to
from recours.collective import selectors, services
from recours.collective.forms import (
    ActionForm,
    AddCaseForm,
    CampaignForm,
    CampaignTestForm,
    CollectiveFileForm,
    RespondentCreateForm,
    RespondentLinkForm,
    RespondentSearchForm,
)
from recours.collective.models import ActionDocument, Nature, Respondent
from recours.core.audit import audit_record
from recours.core.csvsafe import csv_safe_row


def _case_or_404(request, reference):
    case = case_for_staff(request.user, reference)
    if case is None:
        raise Http404
    return case


def _to_case(case):
    return redirect(reverse("casework:case", args=[case.reference]) + "#mis-en-cause")


def _errors(form, exc):
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        for error in exc.messages:
            form.add_error(None, error)


# --- Respondents, from a case --------------------------------------------------------------


@staff_required
@require_GET
def case_respondents(request, reference: str):
    """Search (as you type with htmx: only the results are sent back) and the create form, without script."""
    case = _case_or_404(request, reference)
    form = RespondentSearchForm(request.GET or None)
    query = form.cleaned_data.get("q", "") if form.is_valid() else ""
    results = selectors.respondent_search(request.user, query) if query else []
    linked = {r.pk for r in selectors.respondents_of_case(case)}
    context = {
        "title": _("Mis en cause du dossier %(reference)s") % {"reference": case.reference},
        "case": case, "search_form": form, "query": query, "results": results, "linked": linked,
        "create_form": RespondentCreateForm(initial={"name": query}), "console_section": "queue",
    }
    if request.headers.get("HX-Request") == "true":
        return render(request, "collective/_search_results.html", context)
    return render(request, "collective/case_respondents.html", context)


@staff_required
@require_POST
def case_respondent_link(request, reference: str):
    case = _case_or_404(request, reference)
    form = RespondentLinkForm(request.POST)
    respondent = selectors.respondent_for_user(request.user, form.cleaned_data["respondent"]) if form.is_valid() else None
    if respondent is None:
        raise Http404
    services.respondent_link(respondent=respondent, case=case, actor=request.user)
    messages.success(request, _("Le mis en cause est lié au dossier."))
    return _to_case(case)


@staff_required
@require_POST
def case_respondent_create(request, reference: str):
    case = _case_or_404(request, reference)
    form = RespondentCreateForm(request.POST)
    if form.is_valid():
        try:
            services.respondent_create(**form.cleaned_data, case=case, actor=request.user)
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("Le mis en cause est créé et lié au dossier."))
            return _to_case(case)
    return render(request, "collective/case_respondents.html", {
        "title": _("Mis en cause du dossier %(reference)s") % {"reference": case.reference}, "case": case,
        "search_form": RespondentSearchForm(), "results": [], "linked": set(), "create_form": form,
        "console_section": "queue", "has_errors": True,
    }, status=400)


@staff_required
@require_POST
def case_respondent_unlink(request, reference: str, pk: int):
    case = _case_or_404(request, reference)
    respondent = Respondent.objects.filter(pk=pk, links__case=case).first()
    if respondent is None:
        raise Http404
    services.respondent_unlink(respondent=respondent, case=case, actor=request.user)
    messages.success(request, _("Le mis en cause est retiré du dossier."))
    return _to_case(case)


# --- Coordinators: respondents by number of reports ---------------------------------------------


def _manager_or_403(request):
    if not teams_managed_by(request.user).exists():
        return refuse(request, _("Cette page est réservée aux coordinateur·rices d'équipe."))
    return None


@staff_required
@require_GET
def respondent_report(request):
    refusal = _manager_or_403(request)
    if refusal:
        return refusal
    teams = teams_managed_by(request.user)
    team_id = request.GET.get("equipe", "")
    team_id = int(team_id) if team_id.isdigit() and teams.filter(pk=int(team_id)).exists() else None
    reports = selectors.respondents_by_reports(request.user, team_id=team_id)
    audit_record(actor=request.user, action="respondent.report_view", team=team_id)
    return render(request, "collective/respondent_report.html", {
        "title": _("Mis en cause par nombre de signalements"), "reports": reports, "teams": teams, "team_id": team_id,
        "months": settings.RECOURS_REPEAT_MONTHS, "console_section": "collective",
    })


# --- Collective files ------------------------------------------------------------------------------


def _file_or_404(request, pk):
    file = selectors.collective_file_for(request.user, pk)
    if file is None:
        raise Http404
    return file


def _refuse_unless_manager(request, team_id):
    if not selectors.can_manage(request.user, team_id):
        return refuse(request, _("Seule la coordination de l'équipe peut modifier ce dossier collectif."))
    return None


@staff_required
@require_GET
def files(request):
    return render(request, "collective/files.html", {
        "title": _("Traitement collectif"), "files": selectors.collective_files_visible_to(request.user),
        "campaigns": selectors.campaigns_visible_to(request.user),
        "manages": teams_managed_by(request.user).exists(), "console_section": "collective",
    })


@staff_required
@require_http_methods(["GET", "POST"])
def file_create(request):
    refusal = _manager_or_403(request)
    if refusal:
        return refusal
    teams = teams_managed_by(request.user)
    initial = {}
    respondent_id = request.GET.get("mis_en_cause", "")
    if respondent_id.isdigit():
        respondent = selectors.respondent_for_user(request.user, int(respondent_id))
        if respondent is not None:
            references = cases_visible_to(request.user).filter(
                team__in=teams, pk__in=respondent.links.values("case_id")
            ).values_list("reference", flat=True)
            initial = {"respondent": respondent.pk, "title": respondent.display_name, "references": " ".join(references)}
    form = CollectiveFileForm(request.POST or None, teams=teams, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        case_ids = list(cases_visible_to(request.user).filter(reference__in=data["references"]).values_list("pk", flat=True))
        try:
            if len(case_ids) != len(set(data["references"])):
                raise ValidationError({"references": _("Une des références ne correspond à aucun de vos dossiers.")})
            file = services.collective_file_create(
                team=data["team"], title=data["title"], practice=data["practice"], case_ids=case_ids,
                respondent_ids=[data["respondent"]] if data.get("respondent") else
                list(Respondent.objects.filter(links__case_id__in=case_ids, nature=Nature.ORGANISATION).values_list("pk", flat=True)),
                actor=request.user,
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("Le dossier collectif est ouvert."))
            return redirect("collective:file", pk=file.pk)
    return render(request, "collective/file_form.html", {
        "title": _("Ouvrir un dossier collectif"), "form": form, "console_section": "collective",
    }, status=400 if form.is_bound and form.errors else 200)


def _action_form(file, data=None, files=None, initial=None):
    members = get_user_model().objects.filter(memberships__team=file.team, is_active=True).distinct()
    return ActionForm(data, files, members=members, initial=initial)


@staff_required
@require_GET
def file_detail(request, pk: int):
    file = _file_or_404(request, pk)
    audit_record(actor=request.user, action="collective.view", file=file.pk)
    return _render_file(request, file)


def _render_file(request, file, *, action_form=None, case_form=None, status=200):
    kind = request.GET.get("modele", "")
    initial = {"kind": kind, "body": services.action_template(kind=kind, file=file)} if kind else None
    return render(request, "collective/file.html", {
        "title": file.title, "file": file, "cases": selectors.file_cases(file),
        "respondents": file.respondents.all(),
        "actions": file.actions.select_related("owner", "campaign").prefetch_related("documents"),
        "campaigns": file.campaigns.all(),
        "manages": selectors.can_manage(request.user, file.team_id),
        "action_form": action_form or _action_form(file, initial=initial),
        "case_form": case_form or AddCaseForm(), "console_section": "collective",
    }, status=status)


@staff_required
@require_POST
def file_action(request, pk: int):
    file = _file_or_404(request, pk)
    refusal = _refuse_unless_manager(request, file.team_id)
    if refusal:
        return refusal
    form = _action_form(file, request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.collective_action_add(
                file=file, kind=data["kind"], title=data["title"], on_date=data["on_date"], body=data["body"],
                owner=data["owner"], status=data["status"], outcome=data["outcome"], upload=data["document"],
                actor=request.user,
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("L'action est ajoutée au dossier collectif."))
            return redirect("collective:file", pk=file.pk)
    return _render_file(request, file, action_form=form, status=400)


@staff_required
@require_POST
def file_add_case(request, pk: int):
    file = _file_or_404(request, pk)
    refusal = _refuse_unless_manager(request, file.team_id)
    if refusal:
        return refusal
    form = AddCaseForm(request.POST)
    if form.is_valid():
        case = cases_visible_to(request.user).filter(reference=form.cleaned_data["reference"].strip().upper()).first()
        try:
            if case is None:
                raise ValidationError({"reference": _("Aucun de vos dossiers n'a cette référence.")})
            services.collective_file_add_case(file=file, case=case, actor=request.user)
        except ValidationError as exc:
            for error in exc.messages:
                form.add_error("reference", error)
        else:
            messages.success(request, _("Le dossier est ajouté au dossier collectif."))
            return redirect("collective:file", pk=file.pk)
    return _render_file(request, file, case_form=form, status=400)


@staff_required
@require_GET
def file_document(request, pk: int, document_id: int):
    file = _file_or_404(request, pk)
    document = ActionDocument.objects.filter(pk=document_id, action__file=file).first()
    if document is None:
        raise Http404
    audit_record(actor=request.user, action="collective.document", file=file.pk, document=document.pk)
    return attachment_response(document)


# --- Testing campaigns -------------------------------------------------------------------------------


def _campaign_or_404(request, pk):
    campaign = selectors.campaign_for(request.user, pk)
    if campaign is None:
        raise Http404
    return campaign


@staff_required
@require_http_methods(["GET", "POST"])
def campaign_create(request):
    refusal = _manager_or_403(request)
    if refusal:
        return refusal
    teams = teams_managed_by(request.user)
    files = selectors.collective_files_visible_to(request.user).filter(team__in=teams)
    initial = {"file": request.GET.get("dossier")} if request.GET.get("dossier", "").isdigit() else None
    form = CampaignForm(request.POST or None, teams=teams, files=files, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(**form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("La campagne est créée : enregistrez ses tests."))
            return redirect("collective:campaign", pk=campaign.pk)
    return render(request, "collective/campaign_form.html", {
        "title": _("Nouvelle campagne de tests"), "form": form, "console_section": "collective",
    }, status=400 if form.is_bound and form.errors else 200)


def _test_form(campaign, data=None):
    """The respondents a test may name: organisations of the campaign's file, named by the team's
    cases, or tested already (never the whole register in a list)."""
    organisations = Respondent.objects.filter(nature=Nature.ORGANISATION)
    chosen = organisations.filter(links__case__team=campaign.team_id) | organisations.filter(tests__campaign=campaign)
    if campaign.file_id:
        chosen = chosen | organisations.filter(collective_files=campaign.file_id)
    return CampaignTestForm(data, respondents=organisations.filter(pk__in=chosen.values("pk")).order_by("name_normalised"))


def _render_campaign(request, campaign, *, test_form=None, status=200):
    return render(request, "collective/campaign.html", {
        "title": campaign.title, "campaign": campaign, "result": selectors.campaign_result(campaign),
        "tests": campaign.tests.select_related("respondent"),
        "manages": selectors.can_manage(request.user, campaign.team_id),
        "test_form": test_form or _test_form(campaign), "console_section": "collective",
    }, status=status)


@staff_required
@require_GET
def campaign_detail(request, pk: int):
    campaign = _campaign_or_404(request, pk)
    audit_record(actor=request.user, action="campaign.view", campaign=campaign.pk)
    return _render_campaign(request, campaign)


@staff_required
@require_POST
def campaign_test(request, pk: int):
    campaign = _campaign_or_404(request, pk)
    refusal = _refuse_unless_manager(request, campaign.team_id)
    if refusal:
        return refusal
    form = _test_form(campaign, request.POST)
    if form.is_valid():
        try:
            services.campaign_test_record(campaign=campaign, **form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("Le test est enregistré."))
            return redirect("collective:campaign", pk=campaign.pk)
    return _render_campaign(request, campaign, test_form=form, status=400)


def _export_rows(campaign, result):
    yield [_("Campagne"), campaign.title]
    yield [_("Cible"), campaign.target]
    yield [_("Critère testé"), campaign.criterion.label]
    yield [_("Profil de référence (A)"), campaign.profile_a]
    yield [_("Profil testé (B)"), campaign.profile_b]
    yield []
    yield [_("Date"), _("Mis en cause"), _("A favorable"), _("B favorable"), _("Remarque")]
    for test in campaign.tests.select_related("respondent"):
        yield [test.tested_on.isoformat(), test.respondent.name if test.respondent else "", int(test.a_favourable),
               int(test.b_favourable), test.note]
    yield []
    yield [_("Tests"), result.total]
    yield [_("Tests exploitables (au moins une réponse favorable)"), result.usable]
    if result.usable:
        yield [_("Part favorable à A seul"), f"{result.share_a:.4f}", f"{result.share_a_ci[0]:.4f}", f"{result.share_a_ci[1]:.4f}"]
        yield [_("Part favorable à B seul"), f"{result.share_b:.4f}", f"{result.share_b_ci[0]:.4f}", f"{result.share_b_ci[1]:.4f}"]
        yield [_("Taux de discrimination nette"), f"{result.net_rate:.4f}"]
        yield [_("Test exact de McNemar (p)"), f"{result.mcnemar_p:.6f}"]


@staff_required
@require_GET
def campaign_csv(request, pk: int):
    campaign = _campaign_or_404(request, pk)
    result = selectors.campaign_result(campaign)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for row in _export_rows(campaign, result):
        writer.writerow(csv_safe_row([str(cell) if not isinstance(cell, int) else cell for cell in row]))
    audit_record(actor=request.user, action="campaign.export", campaign=campaign.pk, format="csv")
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="campagne-{campaign.pk}.csv"'
    response["Cache-Control"] = "no-store"
    return response


@staff_required
@require_GET
def campaign_pdf(request, pk: int):
    from django.template.loader import render_to_string
    from django.utils import timezone

    from recours.casework.referral import pdf_write

    campaign = _campaign_or_404(request, pk)
    html = render_to_string("collective/campaign_pdf.html", {
        "campaign": campaign, "result": selectors.campaign_result(campaign),
        "tests": campaign.tests.select_related("respondent"), "generated": timezone.localtime(),
    })
    pdf = pdf_write(html)
    audit_record(actor=request.user, action="campaign.export", campaign=campaign.pk, format="pdf")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="campagne-{campaign.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
