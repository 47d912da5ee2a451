"""The local plan report: console pages (coordinators of the team only), exports, the QPV list,
the case's QPV, and the public version once published."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from recours.accounts.permissions import refuse, staff_required
from recours.accounts.selectors import teams_managed_by
from recours.casework.selectors import case_for_staff
from recours.core.audit import audit_record
from recours.core.csvsafe import csv_safe_row
from recours.localplan import selectors, services
from recours.localplan.models import Qpv


def _refused(request):
    return refuse(request, _("Cette page est réservée aux coordinateur·rices d'équipe."))


def _team_or_404(request, team_id: int, year: int):
    team = selectors.managed_team(request.user, team_id)
    if team is None or not 2000 <= year <= 2100:
        raise Http404
    return team


@staff_required
@require_GET
def index(request):
    teams = teams_managed_by(request.user)
    if not teams.exists():
        return _refused(request)
    return render(request, "localplan/index.html", {
        "title": _("Rapports pour le plan local"), "teams": teams, "years": selectors.report_years(),
        "qpv_count": selectors.qpvs().count(), "console_section": "localplan",
    })


@staff_required
@require_http_methods(["GET", "POST"])
def report(request, team_id: int, year: int):
    team = _team_or_404(request, team_id, year)
    if request.method == "POST":
        if "introduction" in request.POST:
            services.introduction_save(team, year, request.POST["introduction"][:20000], actor=request.user)
            messages.success(request, _("Introduction enregistrée."))
        elif "publish" in request.POST:
            public = request.POST["publish"] == "1"
            services.publish(team, year, public=public, actor=request.user)
            messages.success(request, _("Rapport publié.") if public else _("Publication retirée."))
        return redirect("localplan:report", team_id=team.pk, year=year)
    data = selectors.report(team, year, public=False)
    audit_record(actor=request.user, action="localplan.view", team=team.pk, year=year)
    return render(request, "localplan/report.html", {
        "title": _("Rapport pour le plan local — %(team)s, %(year)d") % {"team": team.name, "year": year},
        "report": data, "console_section": "localplan",
    })


@staff_required
@require_GET
def report_csv(request, team_id: int, year: int):
    team = _team_or_404(request, team_id, year)
    data = selectors.report(team, year, public=False)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["section", "libelle", "valeur", "taux"], delimiter=";")
    writer.writeheader()
    for row in selectors.report_records(data):
        writer.writerow(csv_safe_row(row))
    audit_record(actor=request.user, action="localplan.export", team=team.pk, year=year, format="csv")
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="plan-local-{team.pk}-{year}.csv"'
    response["Cache-Control"] = "no-store"
    return response


@staff_required
@require_GET
def report_parquet(request, team_id: int, year: int):
    from recours.observatory.exports import to_parquet

    team = _team_or_404(request, team_id, year)
    body = to_parquet(selectors.report_records(selectors.report(team, year, public=False)))
    audit_record(actor=request.user, action="localplan.export", team=team.pk, year=year, format="parquet")
    response = HttpResponse(body, content_type="application/vnd.apache.parquet")
    response["Content-Disposition"] = f'attachment; filename="plan-local-{team.pk}-{year}.parquet"'
    response["Cache-Control"] = "no-store"
    return response


@staff_required
@require_GET
def report_pdf(request, team_id: int, year: int):
    from recours.casework.referral import pdf_write

    team = _team_or_404(request, team_id, year)
    data = selectors.report(team, year, public=False)
    html = render_to_string("localplan/report_pdf.html", {"report": data, "generated": timezone.localtime()})
    pdf = pdf_write(html)
    audit_record(actor=request.user, action="localplan.export", team=team.pk, year=year, format="pdf")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="plan-local-{team.pk}-{year}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@staff_required
@require_http_methods(["GET", "POST"])
def qpv_import(request):
    if not teams_managed_by(request.user).exists():
        return _refused(request)
    reasons, status = [], 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            if upload is None or upload.size > 2_000_000:
                raise services.QpvImportError([_("Joignez un fichier CSV de moins de 2 Mo.")])
            try:
                text = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                raise services.QpvImportError([_("Le fichier doit être encodé en UTF-8.")]) from None
            result = services.qpv_import(text, actor=request.user)
        except services.QpvImportError as exc:
            reasons, status = exc.reasons, 400
        else:
            messages.success(request, _("%(created)d quartiers ajoutés, %(updated)d renommés.") % {
                "created": result.created, "updated": result.updated})
            return redirect("localplan:qpv")
    return render(request, "localplan/qpv.html", {
        "title": _("Quartiers prioritaires (QPV)"), "qpvs": selectors.qpvs(), "reasons": reasons,
        "console_section": "localplan",
    }, status=status)


@staff_required
@require_POST
def case_qpv(request, reference: str):
    case = case_for_staff(request.user, reference)
    if case is None:
        raise Http404
    code = request.POST.get("qpv", "")
    qpv = Qpv.objects.filter(code=code).first() if code else None
    if code and qpv is None:
        messages.error(request, _("Quartier inconnu."))
    else:
        services.case_qpv_set(case, qpv, actor=request.user)
        messages.success(request, _("Quartier prioritaire enregistré.") if qpv else _("Quartier prioritaire retiré."))
    return redirect("casework:case", reference=case.reference)


@require_GET
def public_index(request):
    return render(request, "localplan/public_index.html", {
        "title": _("Rapports pour les plans locaux de lutte contre les discriminations"),
        "reports": selectors.published_reports(),
    })


@require_GET
def public_report(request, team_id: int, year: int):
    stored = selectors.published_report(team_id, year)
    if stored is None:
        raise Http404
    data = selectors.report(stored.team, year, public=True)
    return render(request, "localplan/public_report.html", {
        "title": _("Plan local de lutte contre les discriminations — %(team)s, %(year)d") % {
            "team": stored.team.name, "year": year},
        "report": data,
    })
