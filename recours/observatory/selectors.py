"""Reads of the observatory: who sees what, and the dashboard's tables, protected.

Every dashboard figure comes from the rollups (never from the records), so a query reads
at most a few hundred thousand pre-summed rows whatever the number of records.

Readers whose view is suppressed (the public, team members, a coordinator outside the
territory of the teams they manage) get the publication grid — calendar years of complete
months (`publication_period`), national / région / département — and counts through the
cell-key perturbation (disclosure.perturb_table): protection that holds across every query,
not query by query. Coordinators get exact counts for the territory of the teams they
manage (`accounts.selectors.teams_managed_by`), nowhere else.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.db.models import Avg, Q, Sum

from recours.accounts.models import TeamKind
from recours.observatory.disclosure import TOTAL, Table, cell_key, perturb_table, published_count
from recours.observatory.models import NATIONAL, RollupCases, RollupCriteria, RollupOutcomes

PUBLIC, TEAM, COORDINATOR = "public", "team", "coordinator"


@dataclass(frozen=True)
class Scope:
    """What a reader may see: `departements` None means every territory.

    `managed`: the départements of the teams the reader manages, where their figures are
    exact (None: every territory, for managers of the national team; () for none).
    """

    level: str
    departements: tuple[str, ...] | None = None
    managed: tuple[str, ...] | None = ()

    @property
    def suppressed(self) -> bool:
        return self.level != COORDINATOR


def _departements_of(team) -> set[str] | None:
    """The départements a team works on; None for the national team (every one)."""
    if team.kind == TeamKind.NATIONAL:
        return None
    if team.kind == TeamKind.REGION:
        return set(team.region.departements.values_list("code", flat=True))
    if team.kind == TeamKind.DEPARTEMENT:
        return {team.departement_id}
    return set(team.communes.values_list("departement_id", flat=True))


def teams_departements(teams) -> tuple[str, ...] | None:
    """The départements the teams cover, together (None: one of them is national)."""
    departements: set[str] = set()
    for team in teams:
        territory = _departements_of(team)
        if territory is None:
            return None
        departements |= territory
    return tuple(sorted(departements))


def _territory_departements(territory: str, within: tuple[str, ...] | None) -> set[str] | None:
    """The départements a `territoire` filter reads, inside `within` (None: every one)."""
    from recours.geo.models import Departement

    if territory.startswith("r"):
        wanted = set(Departement.objects.filter(region_id=territory[1:]).values_list("code", flat=True))
    elif territory:
        wanted = {territory}
    else:
        return None if within is None else set(within)
    return wanted if within is None else wanted & set(within)


def scope_for(user, *, territory: str = "") -> Scope:
    """What `user` sees for a query on `territory` ("" for all they may see).

    Anyone: the published (perturbed) figures. A team member: their teams' territory only,
    perturbed. Exact counts only when every département the query reads belongs to a team
    the user manages: a role counts for the team it is held in, nowhere else.
    """
    from recours.accounts.selectors import memberships_of, teams_managed_by

    if not getattr(user, "is_authenticated", False) or not user.is_verified():
        return Scope(PUBLIC)
    memberships = list(memberships_of(user))
    if not memberships:
        return Scope(PUBLIC)
    visible = teams_departements(m.team for m in memberships)
    managed = teams_departements(teams_managed_by(user))  # () when the user manages no team
    if managed != ():
        read = _territory_departements(territory, visible)
        if managed is None or (read is not None and read <= set(managed)):
            return Scope(COORDINATOR, managed if managed is not None else visible, managed)
    return Scope(TEAM, visible, managed)


@dataclass(frozen=True)
class Filters:
    start: dt.date  # first day of the first month
    end: dt.date  # first day of the last month
    territory: str = ""  # "", a département code ("44") or a région as "r52"
    channel: str = ""
    snapped: bool = False  # the period asked for was replaced by the publication grid's

    @property
    def months(self) -> list[dt.date]:
        months, month = [], self.start
        while month <= self.end:
            months.append(month)
            month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return months


def last_complete_month(today: dt.date) -> dt.date:
    return (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def publication_period(filters: Filters, *, today: dt.date) -> Filters:
    """The publication grid for suppressed readers: one calendar year, complete months only.

    Periods on the grid never overlap, so no two public queries differ by a month or by a
    few records at the edge of a period. The year is the one of the last month asked for,
    brought back to the last year with a complete month.
    """
    last = last_complete_month(today)
    year = min(filters.end.year, last.year)
    start, end = dt.date(year, 1, 1), min(dt.date(year, 12, 1), last)
    if (start, end) == (filters.start, filters.end):
        return filters
    return dataclasses.replace(filters, start=start, end=end, snapped=True)


def _territory_q(filters: Filters, scope: Scope, *, national_allowed: bool) -> Q:
    """Which rollup rows: the national ones when nothing narrows the territory."""
    q = Q()
    if filters.territory.startswith("r"):
        q &= Q(region=filters.territory[1:]) & ~Q(departement=NATIONAL)
    elif filters.territory:
        q &= Q(departement=filters.territory)
    elif national_allowed and scope.departements is None:
        return Q(departement=NATIONAL)
    else:
        q &= ~Q(departement=NATIONAL)
    if scope.departements is not None:
        q &= Q(departement__in=scope.departements)
    return q


def _base(model, filters: Filters, scope: Scope, *, national_allowed: bool = True):
    qs = model.objects.filter(month__gte=filters.start, month__lte=filters.end)
    qs = qs.filter(_territory_q(filters, scope, national_allowed=national_allowed))
    if filters.channel:
        qs = qs.filter(channel=filters.channel)
    return qs


def _table(rows, row_field, col_field, *, row_key, col_key, measure, rows_order=None, cols_order=None) -> Table:
    counts: dict = {}
    keys: dict = {}
    for row in rows:
        key = (row[row_field], row[col_field])
        counts[key] = counts.get(key, 0) + int(row["total"] or 0)
        keys[key] = keys.get(key, 0) + int(row["keys"] or 0)
    return Table.from_counts(
        counts, rows=rows_order, cols=cols_order, row_key=row_key, col_key=col_key, measure=measure, key_sums=keys
    )


@dataclass
class Dashboard:
    filters: Filters
    scope: Scope
    threshold: int
    by_month: Table  # month x domain (records)
    by_territory: Table  # département x domain (records)
    by_outcome: Table  # outcome x domain (closed records)
    by_criterion: Table  # criterion x domain (criterion mentions)
    answer_times: list[dict] = field(default_factory=list)


def dashboard_tables(filters: Filters, scope: Scope) -> Dashboard:
    """The dashboard's tables for these filters, as this reader may see them.

    Suppressed readers get every count through the cell-key perturbation (margins as cells
    of their own); the mean delay and the share answered within two days only where the
    count of answered records is at least the threshold. The period must already be on the
    publication grid for them (views call `publication_period`).
    """
    threshold = settings.RECOURS_OBSERVATORY_MIN_CELL
    max_noise = settings.RECOURS_OBSERVATORY_MAX_NOISE
    sums = {"total": Sum("n"), "keys": Sum("key_sum")}
    cases = _base(RollupCases, filters, scope)
    month_rows = list(cases.values("month", "domain").annotate(**sums))
    territory_rows = list(
        _base(RollupCases, filters, scope, national_allowed=False).values("departement", "domain").annotate(**sums)
    )
    # both tables share the domain margin: the same columns, in the same order
    domains = sorted({row["domain"] for row in month_rows} | {row["domain"] for row in territory_rows})
    by_month = _table(
        month_rows, "month", "domain",
        row_key="month", col_key="domain", measure="records", rows_order=filters.months, cols_order=domains,
    )
    by_territory = _table(
        territory_rows, "departement", "domain", row_key="departement", col_key="domain", measure="records",
        cols_order=domains,
    )
    by_outcome = _table(
        _base(RollupOutcomes, filters, scope).values("outcome", "domain").annotate(**sums), "outcome", "domain",
        row_key="outcome", col_key="domain", measure="closed",
    )
    by_criterion = _table(
        _base(RollupCriteria, filters, scope).exclude(criterion="").values("criterion", "domain").annotate(**sums),
        "criterion", "domain", row_key="criterion", col_key="domain", measure="mentions",
    )
    if scope.suppressed:
        for table in (by_month, by_territory, by_outcome, by_criterion):
            perturb_table(table, threshold=threshold, max_noise=max_noise)

    answer_times = []
    for row in cases.values("month").annotate(
        answered=Sum("answered_n"), days=Sum("answer_days_sum"), within=Sum("answered_2d_n"),
        keys=Sum("answered_key_sum"),
    ).order_by("month"):
        answered = int(row["answered"] or 0)
        shown = answered
        if scope.suppressed:
            shown = published_count(
                answered, cell_key(int(row["keys"] or 0)), threshold=threshold, max_noise=max_noise
            )
        hidden = shown is None
        answer_times.append({
            "month": row["month"],
            "answered": shown,
            "mean_days": None if hidden or not answered else round(row["days"] / answered, 1),
            "within_2_days": None if hidden or not answered else round(100 * row["within"] / answered),
        })
    return Dashboard(filters, scope, threshold, by_month, by_territory, by_outcome, by_criterion, answer_times)


@lru_cache(maxsize=1)
def departement_centres() -> dict[str, tuple[float, float]]:
    """The mean position of each département's communes (for the map), computed once per process."""
    from recours.geo.models import Commune

    rows = (
        Commune.objects.filter(latitude__isnull=False, active=True)
        .values("departement_id").annotate(lat=Avg("latitude"), lon=Avg("longitude"))
    )
    return {r["departement_id"]: (r["lat"], r["lon"]) for r in rows}


def margin(table: Table, *, axis: str) -> list[tuple]:
    """The published totals of a table's rows (axis="rows") or columns, in order, None where hidden."""
    published = table.published()
    if axis == "rows":
        return [(r, published[(r, TOTAL)]) for r in table.rows]
    return [(c, published[(TOTAL, c)]) for c in table.cols]


# --- excerpt review (console) ----------------------------------------------------------------


def excerpt_reviews_for(user):
    """The excerpt reviews of the cases the user may see (casework's visibility gate), with their case."""
    from recours.casework.selectors import cases_visible_to
    from recours.observatory.models import ExcerptReview

    return ExcerptReview.objects.filter(case__in=cases_visible_to(user)).select_related("case")


def excerpt_proposal(review) -> str:
    """The start of the case's narrative, scrubbed: what the adviser reviews. Computed on each
    read and stored nowhere (only the text the adviser approves is kept, in the record)."""
    from recours.observatory.scrub import scrub

    return scrub((review.case.narrative or "")[: settings.RECOURS_OBSERVATORY_EXCERPT_CHARS])
