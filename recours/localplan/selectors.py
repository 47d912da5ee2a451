"""Reads of the local plan report: one team's territory and one calendar year.

The observatory's figures come from its own functions (`observatory.selectors.dashboard_tables`):
exact for the coordinator in the console (`Scope(COORDINATOR)`), and for the public version
the same perturbed, publication-grid figures as the public observatory (`Scope(PUBLIC)`,
`publication_period`). The report's own counts (collective files, actions, orientations by
kind of partner, QPV) are one-way tables: the public version hides the collective files' with
the observatory's `disclosure.protect_series` (small counts and what would give
them away). No case reference, no person and no respondent who is an individual appear in
the public version; campaigns are published only with at least the threshold of usable tests.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from recours.accounts.selectors import teams_managed_by
from recours.localplan.models import CaseQpv, LocalPlanReport, Qpv
from recours.observatory.disclosure import TOTAL, Series, protect_series


def managed_team(user, team_id: int):
    """The team if `user` coordinates it, else None."""
    return teams_managed_by(user).filter(pk=team_id).first()


def report_years(today: dt.date | None = None) -> list[int]:
    year = (today or timezone.localdate()).year
    return [year, year - 1, year - 2]


def published_report(team_id: int, year: int) -> LocalPlanReport | None:
    return (
        LocalPlanReport.objects.filter(team_id=team_id, year=year, published_at__isnull=False)
        .select_related("team").first()
    )


def published_reports():
    return LocalPlanReport.objects.filter(published_at__isnull=False).select_related("team").order_by("-year", "team__name")


def qpvs():
    return Qpv.objects.all()


def qpv_of_case(case) -> Qpv | None:
    link = CaseQpv.objects.filter(case=case).select_related("qpv").first()
    return link.qpv if link else None


@dataclass
class Count1:
    """One line of a one-way table: its label and its value (None: hidden)."""

    label: str
    value: int | None


@dataclass
class OneWay:
    title: str
    lines: list[Count1]
    total: int | None

    def records(self, section: str) -> list[dict]:
        return [{"section": section, "libelle": line.label, "valeur": line.value, "taux": None} for line in self.lines] + [
            {"section": section, "libelle": "TOTAL", "valeur": self.total, "taux": None}
        ]


def _one_way(title: str, counts: dict[str, int], labels: dict[str, str], *, public: bool) -> OneWay:
    order = sorted(counts, key=lambda k: (-counts[k], str(labels.get(k, k))))
    series = Series(labels=order, counts=counts)
    if public:
        protect_series(series, settings.RECOURS_OBSERVATORY_MIN_CELL)
    published = series.published()
    return OneWay(title, [Count1(str(labels.get(k, k) or "—"), published[k]) for k in order], published[TOTAL])


@dataclass
class Report:
    team: object
    year: int
    public: bool
    threshold: int
    stored: LocalPlanReport | None
    dashboard: object
    tables: dict  # name -> observatory.presentation.table_rows(...)
    table_records: list[dict]
    files: list[dict] = field(default_factory=list)
    file_status: OneWay | None = None
    action_kinds: OneWay | None = None
    campaigns: list[dict] = field(default_factory=list)
    orientations: OneWay | None = None
    qpv: OneWay | None = None


def _observatory(team, year: int, *, public: bool, today: dt.date):
    from recours.observatory.presentation import labels, table_records, table_rows
    from recours.observatory.selectors import (
        COORDINATOR, PUBLIC, Filters, Scope, dashboard_tables, teams_departements, publication_period,
    )

    departements = teams_departements([team])
    filters = Filters(start=dt.date(year, 1, 1), end=dt.date(year, 12, 1))
    if public:
        scope = Scope(PUBLIC, departements)
        filters = publication_period(filters, today=today)
    else:
        scope = Scope(COORDINATOR, departements, departements)
    dashboard = dashboard_tables(filters, scope)
    names = labels()
    tables, records = {}, []
    for name in ("by_month", "by_outcome", "by_criterion"):
        table = getattr(dashboard, name)
        tables[name] = table_rows(table, names)
        records += [{"section": f"observatoire.{name}", **row} for row in table_records(table, names)]
    return dashboard, tables, records


def _cases_of(team, year: int) -> Q:
    return Q(case__team=team, case__created_at__year=year)


def report(team, year: int, *, public: bool, today: dt.date | None = None) -> Report:
    from recours.casework.models import Orientation
    from recours.collective.models import ActionKind, CollectiveAction, FileStatus
    from recours.collective.selectors import campaign_result
    from recours.collective.models import Campaign, CollectiveFile

    today = today or timezone.localdate()
    threshold = settings.RECOURS_OBSERVATORY_MIN_CELL
    dashboard, tables, records = _observatory(team, year, public=public, today=today)
    stored = LocalPlanReport.objects.filter(team=team, year=year).first()
    out = Report(team, year, public, threshold, stored, dashboard, tables, records)

    files = CollectiveFile.objects.filter(team=team).filter(
        Q(created_at__year=year) | Q(actions__on_date__year=year)
    ).distinct().order_by("created_at")
    out.file_status = _one_way(
        "files", dict(files.values_list("status").annotate(n=Count("id", distinct=True)).values_list("status", "n")),
        dict(FileStatus.choices), public=public,
    )
    actions = CollectiveAction.objects.filter(file__team=team, on_date__year=year)
    out.action_kinds = _one_way(
        "actions", dict(actions.values("kind").annotate(n=Count("id")).values_list("kind", "n")),
        dict(ActionKind.choices), public=public,
    )
    if not public:
        for file in files.prefetch_related("actions", "respondents"):
            out.files.append({
                "title": file.title, "status": file.get_status_display(), "created_at": file.created_at,
                "respondents": [r.name for r in file.respondents.all() if r.nature == "organisation"],
                "actions": [a for a in file.actions.all() if a.on_date.year == year],
            })

    for campaign in Campaign.objects.filter(team=team, tests__tested_on__year=year).distinct().select_related("criterion"):
        result = campaign_result(campaign)
        if public and result.usable < threshold:
            continue
        out.campaigns.append({"campaign": campaign, "result": result})

    if public:
        # Counts read live from the cases (QPV, orientations) change when a case is transferred
        # or purged: two readings of the public page, a day apart, would differ by one person.
        # They stay in the console and the coordinator's exports; the public version gives the
        # observatory's figures, which are protected across every query and over time.
        return out
    orientations = Orientation.objects.filter(case__team=team, created_at__year=year)
    out.orientations = _one_way(
        "orientations",
        dict(orientations.values("service__type").annotate(n=Count("id")).values_list("service__type", "n")),
        {}, public=public,
    )
    qpv_rows = CaseQpv.objects.filter(_cases_of(team, year)).values("qpv__code", "qpv__name").annotate(n=Count("id"))
    out.qpv = _one_way(
        "qpv", {row["qpv__code"]: row["n"] for row in qpv_rows},
        {row["qpv__code"]: f'{row["qpv__code"]} — {row["qpv__name"]}' for row in qpv_rows}, public=public,
    )
    return out


def report_records(report: Report) -> list[dict]:
    """The report in long form for the CSV and Parquet exports: section, label, value (a count,
    None when hidden) and rate (a campaign's net discrimination rate, its value being the
    number of usable tests)."""
    rows = []
    for record in report.table_records:
        row_label, col_label = [record[k] for k in record if k.endswith("_libelle")]
        rows.append({"section": record["section"], "libelle": f"{row_label} / {col_label}", "valeur": record["effectif"], "taux": None})
    for section, table in (("dossiers_collectifs", report.file_status), ("actions", report.action_kinds),
                           ("orientations", report.orientations), ("qpv", report.qpv)):
        rows += table.records(section)
    for item in report.campaigns:
        result = item["result"]
        rows.append({"section": "campagne", "libelle": item["campaign"].title, "valeur": result.usable,
                     "taux": None if result.net_rate is None else round(result.net_rate, 4)})
    return rows
