"""Reads of the observatory: who sees what, and the dashboard's tables, protected.

Every dashboard figure comes from the rollups (never from the records), so a query reads
at most a few hundred thousand pre-summed rows whatever the number of records. Tables are
protected together (disclosure.protect_tables) for everyone but coordinators.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.db.models import Avg, Q, Sum

from recours.accounts.models import Role, TeamKind
from recours.observatory.disclosure import TOTAL, Table, protect_tables
from recours.observatory.models import NATIONAL, RollupCases, RollupCriteria, RollupOutcomes

PUBLIC, TEAM, COORDINATOR = "public", "team", "coordinator"


@dataclass(frozen=True)
class Scope:
    """What a reader may see: `departements` None means every territory."""

    level: str
    departements: tuple[str, ...] | None = None

    @property
    def suppressed(self) -> bool:
        return self.level != COORDINATOR


def scope_for(user) -> Scope:
    """Public for anyone; a team's territory for its members; unsuppressed for its coordinators."""
    from recours.accounts.selectors import memberships_of

    if not getattr(user, "is_authenticated", False) or not user.is_verified():
        return Scope(PUBLIC)
    memberships = list(memberships_of(user))
    if not memberships:
        return Scope(PUBLIC)
    departements: set[str] = set()
    national = False
    for membership in memberships:
        team = membership.team
        if team.kind == TeamKind.NATIONAL:
            national = True
        elif team.kind == TeamKind.REGION:
            departements |= set(team.region.departements.values_list("code", flat=True))
        elif team.kind == TeamKind.DEPARTEMENT:
            departements.add(team.departement_id)
        else:
            departements |= set(team.communes.values_list("departement_id", flat=True))
    level = COORDINATOR if any(m.role in (Role.COORDINATOR, Role.ADMINISTRATOR) for m in memberships) else TEAM
    return Scope(level, None if national else tuple(sorted(departements)))


@dataclass(frozen=True)
class Filters:
    start: dt.date  # first day of the first month
    end: dt.date  # first day of the last month
    territory: str = ""  # "", a département code ("44") or a région as "r52"
    channel: str = ""

    @property
    def months(self) -> list[dt.date]:
        months, month = [], self.start
        while month <= self.end:
            months.append(month)
            month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return months


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
    for row in rows:
        key = (row[row_field], row[col_field])
        counts[key] = counts.get(key, 0) + int(row["total"] or 0)
    return Table.from_counts(counts, rows=rows_order, cols=cols_order, row_key=row_key, col_key=col_key, measure=measure)


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
    """The dashboard's tables for these filters, as this reader may see them."""
    threshold = settings.RECOURS_OBSERVATORY_MIN_CELL
    cases = _base(RollupCases, filters, scope)
    month_rows = list(cases.values("month", "domain").annotate(total=Sum("n")))
    territory_rows = list(
        _base(RollupCases, filters, scope, national_allowed=False).values("departement", "domain").annotate(total=Sum("n"))
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
        _base(RollupOutcomes, filters, scope).values("outcome", "domain").annotate(total=Sum("n")), "outcome", "domain",
        row_key="outcome", col_key="domain", measure="closed",
    )
    by_criterion = _table(
        _base(RollupCriteria, filters, scope).exclude(criterion="").values("criterion", "domain").annotate(total=Sum("n")),
        "criterion", "domain", row_key="criterion", col_key="domain", measure="mentions",
    )
    if scope.suppressed:
        protect_tables([by_month, by_territory], threshold)
        protect_tables([by_outcome], threshold)
        protect_tables([by_criterion], threshold)

    answer_times = []
    for row in cases.values("month").annotate(
        answered=Sum("answered_n"), days=Sum("answer_days_sum"), within=Sum("answered_2d_n")
    ).order_by("month"):
        answered = int(row["answered"] or 0)
        hidden = scope.suppressed and answered < threshold
        answer_times.append({
            "month": row["month"],
            "answered": None if hidden else answered,
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
