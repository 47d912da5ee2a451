"""Which team a new case goes to: the most specific active team whose territory holds its commune.

Order: a team listing the commune, then the team of its département, then the team of its
région, else the national team. Within one level, the oldest team wins (lowest id), so
the answer never depends on the database's mood. A case with no commune (facts online,
or place unknown) goes to the national team.

Every new case asks, so each process keeps the teams' territories as a small table for
`RECOURS_REFERENCE_CACHE_SECONDS` (a team saved in this process clears it at once; other
processes see the change within that delay). With 0, every case reads the database.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.signals import m2m_changed, post_delete, post_save

from recours.accounts.models import Team, TeamKind
from recours.accounts.services import team_national_get
from recours.geo.models import Commune

_PRECEDENCE = Case(
    When(kind=TeamKind.COMMUNES, then=Value(0)),
    When(kind=TeamKind.DEPARTEMENT, then=Value(1)),
    When(kind=TeamKind.REGION, then=Value(2)),
    output_field=IntegerField(),
)


def team_for_commune(commune: Commune | None) -> Team:
    """The team that receives a case located in `commune` (the national team if none is more specific)."""
    if commune is None:
        return team_national_get()
    team = (
        Team.objects.filter(active=True)
        .filter(
            Q(kind=TeamKind.COMMUNES, communes=commune)
            | Q(kind=TeamKind.DEPARTEMENT, departement_id=commune.departement_id)
            | Q(kind=TeamKind.REGION, region_id=commune.region_id)
        )
        .annotate(precedence=_PRECEDENCE)
        .order_by("precedence", "pk")
        .first()
    )
    return team or team_national_get()


def team_for_location(*, commune_id: str | None, online: bool = False) -> Team:
    """The team for a case as reports describe its place: an INSEE code, or facts that happened online."""
    if settings.RECOURS_REFERENCE_CACHE_SECONDS > 0:
        return _team_from_table(commune_id=None if online else commune_id)
    if online or not commune_id:
        return team_national_get()
    return team_for_commune(Commune.objects.filter(pk=commune_id).only("pk", "departement_id", "region_id").first())


@dataclass(frozen=True)
class _Territories:
    by_commune: dict[str, Team]
    by_departement: dict[str, Team]
    by_region: dict[str, Team]
    national: Team
    loaded_at: float


_table: list[_Territories] = []
_lock = threading.Lock()


def _territories_load() -> _Territories:
    by_commune: dict[str, Team] = {}
    by_departement: dict[str, Team] = {}
    by_region: dict[str, Team] = {}
    teams = {team.pk: team for team in Team.objects.filter(active=True).order_by("pk")}
    for team in teams.values():  # lowest id first: setdefault keeps the oldest team of a level
        if team.kind == TeamKind.DEPARTEMENT:
            by_departement.setdefault(team.departement_id, team)
        elif team.kind == TeamKind.REGION:
            by_region.setdefault(team.region_id, team)
    links = Team.communes.through.objects.filter(team_id__in=list(teams)).order_by("team_id")
    for team_id, commune_id in links.values_list("team_id", "commune_id"):
        if teams[team_id].kind == TeamKind.COMMUNES:
            by_commune.setdefault(commune_id, teams[team_id])
    return _Territories(by_commune, by_departement, by_region, team_national_get(), time.monotonic())


def _team_from_table(*, commune_id: str | None) -> Team:
    table = _table[0] if _table else None
    if table is None or time.monotonic() - table.loaded_at >= settings.RECOURS_REFERENCE_CACHE_SECONDS:
        table = _territories_load()
        with _lock:
            _table[:] = [table]
    if not commune_id:
        return table.national
    if commune_id in table.by_commune:
        return table.by_commune[commune_id]
    departement_id, region_id = _commune_parents(commune_id)
    return table.by_departement.get(departement_id) or table.by_region.get(region_id) or table.national


@lru_cache(maxsize=65536)
def _commune_parents_known(commune_id: str) -> tuple[str, str]:
    parents = Commune.objects.filter(pk=commune_id).values_list("departement_id", "region_id").first()
    if parents is None:
        raise LookupError(commune_id)
    return parents


def _commune_parents(commune_id: str) -> tuple[str | None, str | None]:
    """A commune's département and région (they never change for an INSEE code; unknown codes are not kept)."""
    try:
        return _commune_parents_known(commune_id)
    except LookupError:
        return None, None


def routing_cache_clear(**_kwargs) -> None:
    """Forget this process's table (connected to every save and delete of a team and its communes)."""
    with _lock:
        _table.clear()


post_save.connect(routing_cache_clear, sender=Team, dispatch_uid="routing-cache-save")
post_delete.connect(routing_cache_clear, sender=Team, dispatch_uid="routing-cache-delete")
m2m_changed.connect(routing_cache_clear, sender=Team.communes.through, dispatch_uid="routing-cache-communes")
