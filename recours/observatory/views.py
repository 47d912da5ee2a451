"""Observatory pages: the dashboard, its exports, the yearly report; the excerpt review (console)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from recours.accounts.models import Role
from recours.accounts.permissions import staff_required
from recours.accounts.selectors import teams_managed_by
from recours.casework.selectors import cases_visible_to
from recours.core.audit import audit_record
from recours.observatory import charts
from recours.observatory.disclosure import TOTAL
from recours.observatory.exports import record_rows, records_for, to_csv, to_parquet
from recours.observatory.models import ReviewStatus
from recours.observatory.presentation import (
    CHANNEL_LABELS, TABLES, filters_from, label_of, labels, table_records, table_rows,
)
from recours.observatory.selectors import (
    COORDINATOR, PUBLIC, dashboard_tables, departement_centres, excerpt_proposal, excerpt_reviews_for,
    last_complete_month, margin, publication_period, scope_for,
)
from recours.observatory.services import excerpt_approve, excerpt_reject


def _query(request, *, year: int | None = None):
    """The filters and the scope of a request: suppressed readers get the publication grid."""
    filters = filters_from(request.GET, year=year)
    scope = scope_for(request.user, territory=filters.territory)
    if scope.suppressed:
        filters = publication_period(filters, today=timezone.localdate())
    return filters, scope


def _context(request, filters, scope):
    data = dashboard_tables(filters, scope)
    names = labels()
    by_month = [(label_of(names, "month", m), v) for m, v in margin(data.by_month, axis="rows")]
    by_domain = [(label_of(names, "domain", d), v) for d, v in margin(data.by_month, axis="cols")]
    by_criterion = [(label_of(names, "criterion", c), v) for c, v in margin(data.by_criterion, axis="rows")]
    by_outcome = [(label_of(names, "outcome", o), v) for o, v in margin(data.by_outcome, axis="rows")]
    by_departement = dict(margin(data.by_territory, axis="rows"))
    answer = [(label_of(names, "month", row["month"]), row["mean_days"]) for row in data.answer_times]
    total = data.by_month.published()[(TOTAL, TOTAL)]
    return {
        "filters": filters,
        "scope": scope,
        "data": data,
        "total": total,
        "public": scope.level == PUBLIC,
        "coordinator": scope.level == COORDINATOR,
        "manager": scope.managed != (),
        "threshold": data.threshold,
        "max_noise": settings.RECOURS_OBSERVATORY_MAX_NOISE,
        "years": list(range(last_complete_month(timezone.localdate()).year, 2019, -1)),
        "channels": CHANNEL_LABELS.items(),
        "regions": sorted(names["region"].items()),
        "departements": sorted(names["departement"].items()),
        "tables": {
            "by_month": table_rows(data.by_month, names),
            "by_territory": table_rows(data.by_territory, names),
            "by_outcome": table_rows(data.by_outcome, names),
            "by_criterion": table_rows(data.by_criterion, names),
        },
        "answer_times": data.answer_times,
        "charts": {
            "by_month": charts.column_chart(by_month, title=_("Signalements par mois"), chart_id="graphique-mois"),
            "by_domain": charts.bar_chart(by_domain, title=_("Signalements par domaine"), chart_id="graphique-domaine"),
            "by_criterion": charts.bar_chart(by_criterion, title=_("Critères invoqués"), chart_id="graphique-critere"),
            "by_outcome": charts.bar_chart(by_outcome, title=_("Suites données"), chart_id="graphique-suite"),
            "map": charts.departement_map(
                by_departement, departement_centres(), names["departement"],
                title=_("Signalements par département"), chart_id="graphique-carte",
            ),
            "answer": charts.column_chart(
                answer, title=_("Délai moyen de première réponse (jours)"), chart_id="graphique-delai", unit=" j"
            ),
        },
        "query": request.GET.urlencode(),
        "export_links": [(name, label) for name, (_attr, label) in TABLES.items()],
    }


def dashboard(request):
    filters, scope = _query(request)
    return render(request, "observatory/dashboard.html", _context(request, filters, scope))


def yearly_report(request, year: int):
    if not 2000 <= year <= timezone.localdate().year:
        raise Http404
    filters, scope = _query(request, year=year)
    context = _context(request, filters, scope) | {"year": filters.start.year}
    return render(request, "observatory/report.html", context)


def export_table(request, name: str, fmt: str):
    if name not in TABLES:
        raise Http404
    filters, scope = _query(request)
    data = dashboard_tables(filters, scope)
    rows = table_records(getattr(data, TABLES[name][0]), labels())
    return _file(rows, f"observatoire-{name}", fmt)


def export_records(request, fmt: str):
    """The anonymised records themselves (microdata cannot be protected by perturbing counts):
    to coordinators, of the territory of the teams they manage only."""
    filters = filters_from(request.GET)
    scope = scope_for(request.user, territory=filters.territory)
    if scope.managed == ():
        response = HttpResponse(_("Réservé aux coordinateur·rices."), status=403, content_type="text/plain; charset=utf-8")
        response["Cache-Control"] = "no-store"
        return response
    rows = record_rows(records_for(departements=scope.managed, filters=filters))
    return _file(rows, "observatoire-fiches", fmt)


def _file(rows, stem: str, fmt: str) -> HttpResponse:
    if fmt == "csv":
        response = HttpResponse(to_csv(rows), content_type="text/csv; charset=utf-8")
    elif fmt == "parquet":
        response = HttpResponse(to_parquet(rows), content_type="application/vnd.apache.parquet")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    # like every other answer: a shared computer's cache must not keep the figures or records
    response["Cache-Control"] = "no-store, no-cache, must-revalidate, private, max-age=0"
    return response


# --- excerpt review (console) ----------------------------------------------------------------


RETENTION_HORIZON_DAYS = 30


@staff_required
def review_list(request):
    reviews = excerpt_reviews_for(request.user).filter(status=ReviewStatus.PENDING).order_by("created_at")
    return render(request, "observatory/review_list.html", {"reviews": reviews, "console_section": "observatory"})


@staff_required
@require_http_methods(["GET", "POST"])
def review(request, review_id: int):
    item = get_object_or_404(excerpt_reviews_for(request.user), pk=review_id, status=ReviewStatus.PENDING)
    if request.method == "POST":
        if request.POST.get("decision") == "approve":
            text = (request.POST.get("excerpt") or "").strip()
            if text:
                excerpt_approve(review=item, text=text, actor=request.user)
                return redirect("observatory:reviews")
            error = _("Saisissez l'extrait, ou écartez-le.")
            context = {"review": item, "text": text, "error": error, "console_section": "observatory"}
            return render(request, "observatory/review.html", context, status=400)
        if request.POST.get("decision") == "reject":
            excerpt_reject(review=item, actor=request.user)
            return redirect("observatory:reviews")
    # A GET writes nothing but the audit event of this read of the case's narrative.
    audit_record(actor=request.user, action="observatory.excerpt_read", case=item.case_id)
    return render(
        request, "observatory/review.html",
        {"review": item, "text": excerpt_proposal(item), "console_section": "observatory"},
    )


@staff_required(roles=[Role.COORDINATOR, Role.ADMINISTRATOR])
def retention(request):
    """The retention schedule for coordinators: durations per outcome, the daily purge's last
    run, and a dry run — the cases of their teams that the next runs will purge."""
    from recours.casework.models import Outcome
    from recours.core.models import PeriodicRun
    from recours.observatory.retention import cases_due_for_purge, retention_months

    now = timezone.now()
    horizon = now + dt.timedelta(days=RETENTION_HORIZON_DAYS)
    # the cases of the teams the user manages: being an adviser elsewhere gives no right here
    cases = cases_visible_to(request.user).filter(team__in=teams_managed_by(request.user))
    due = cases_due_for_purge(now=horizon, cases=cases)
    return render(request, "observatory/retention.html", {
        "durations": [(label, retention_months(code)) for code, label in Outcome.choices],
        "run": PeriodicRun.objects.filter(name="retention.purge").first(),
        "due_now": [item for item in due if item.purge_after <= now],
        "due_soon": [item for item in due if item.purge_after > now],
        "horizon_days": RETENTION_HORIZON_DAYS, "console_section": "observatory",
        "title": _("Conservation des données"),
    })

