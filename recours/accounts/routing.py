"""Which team a new case goes to: the most specific active team whose territory holds its place.

Order: a team listing the commune, then the team of its département, then the team of its
région, else the national team. Within one level, the oldest team wins (lowest id), so
the answer never depends on the database's mood. A place known only by its département
(a postal code shared by several communes, none chosen: see geo.selectors.place_resolve)
starts at the département's team. Facts online, or no place at all, go to the national team.

Every new case asks, so each process keeps the teams' territories as a small table for
`RECOURS_REFERENCE_CACHE_SECONDS` (core/cache.py: committed rows only; a team saved in this
process clears it at once, other processes see the change within that delay). With 0, every
case reads the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.signals import m2m_changed, post_delete, post_save

from recours.accounts.models import Team, TeamKind
from recours.accounts.services import team_national_get
from recours.core.cache import ReferenceCache
from recours.geo.models import Commune, Departement

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
    return _teams_of_place(commune=commune).first() or team_national_get()


def _teams_of_place(*, commune: Commune | None = None, departement_id: str | None = None, region_id: str | None = None):
    """The active local teams whose territory holds the place: commune level first, then
    département, then région; within a level the oldest first (`precedence` annotated).
    A place known by its département only (no commune chosen) has no commune level."""
    if commune is not None:
        departement_id, region_id = commune.departement_id, commune.region_id
    territory = Q(kind=TeamKind.DEPARTEMENT, departement_id=departement_id) | Q(kind=TeamKind.REGION, region_id=region_id)
    if commune is not None:
        territory |= Q(kind=TeamKind.COMMUNES, communes=commune)
    return Team.objects.filter(active=True).filter(territory).annotate(precedence=_PRECEDENCE).order_by("precedence", "pk")


def team_chain_for_commune(commune_id: str | None, *, departement_id: str | None = None) -> list[Team]:
    """The teams a place goes up through, most specific first: the commune's team, the
    département's, the région's, then the national team (levels without a team are skipped).
    Without a commune, a département (a postal code of several communes, none chosen) starts
    the chain at its own level.

    Each level's team is the one `team_for_commune` would pick at that level (the oldest), so
    the first of the chain is always the team a case of that place is routed to. A live chat
    goes up this chain until it finds an adviser present (`recours.chat.selectors`).
    """
    national = team_national_get()
    commune = (
        Commune.objects.filter(pk=commune_id).only("pk", "departement_id", "region_id").first() if commune_id else None
    )
    if commune is not None:
        teams = _teams_of_place(commune=commune)
    elif departement_id and (region_id := _departement_region(departement_id)):
        teams = _teams_of_place(departement_id=departement_id, region_id=region_id)
    else:
        return [national]
    chain: list[Team] = []
    levels: set[int] = set()
    for team in teams:  # by level, then oldest first
        if team.precedence not in levels:
            levels.add(team.precedence)
            chain.append(team)
    return chain + [national]


def team_for_location(
    *, commune_id: str | None, departement_id: str | None = None, region_id: str | None = None, online: bool = False
) -> Team:
    """The team for a case as reports describe its place: an INSEE code, else a département
    (or only a région), or facts that happened online."""
    if online:
        commune_id = departement_id = region_id = None
    if settings.RECOURS_REFERENCE_CACHE_SECONDS > 0:
        return _team_from_table(commune_id=commune_id, departement_id=departement_id, region_id=region_id)
    if commune_id:
        return team_for_commune(Commune.objects.filter(pk=commune_id).only("pk", "departement_id", "region_id").first())
    if departement_id and not region_id:
        region_id = _departement_region(departement_id)
    if not (departement_id or region_id):
        return team_national_get()
    team = (
        Team.objects.filter(active=True)
        .filter(Q(kind=TeamKind.DEPARTEMENT, departement_id=departement_id) | Q(kind=TeamKind.REGION, region_id=region_id))
        .annotate(precedence=_PRECEDENCE)
        .order_by("precedence", "pk")
        .first()
    )
    return team or team_national_get()


def team_for_place(place, *, online: bool = False) -> Team:
    """The team for a `geo.selectors.Place`: its commune, else its département or région."""
    return team_for_location(
        commune_id=place.commune_id, departement_id=place.departement_id, region_id=place.region_id, online=online
    )


@dataclass(frozen=True)
class _Territories:
    by_commune: dict[str, Team]
    by_departement: dict[str, Team]
    by_region: dict[str, Team]
    national: Team


_table = ReferenceCache("accounts.routing")


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
    return _Territories(by_commune, by_departement, by_region, team_national_get())


def _team_from_table(*, commune_id: str | None, departement_id: str | None = None, region_id: str | None = None) -> Team:
    table = _table.get("territories", _territories_load)
    if commune_id:
        if commune_id in table.by_commune:
            return table.by_commune[commune_id]
        departement_id, region_id = _commune_parents(commune_id)
    elif departement_id and not region_id:
        region_id = _departement_region(departement_id)
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


@lru_cache(maxsize=256)
def _departement_region_known(departement_id: str) -> str:
    region_id = Departement.objects.filter(pk=departement_id).values_list("region_id", flat=True).first()
    if region_id is None:
        raise LookupError(departement_id)
    return region_id


def _departement_region(departement_id: str) -> str | None:
    """A département's région (it never changes for a code; unknown codes are not kept)."""
    try:
        return _departement_region_known(departement_id)
    except LookupError:
        return None


def routing_cache_clear(**_kwargs) -> None:
    """Forget this process's table (connected to every save and delete of a team and its communes)."""
    _table.clear()


post_save.connect(routing_cache_clear, sender=Team, dispatch_uid="routing-cache-save")
post_delete.connect(routing_cache_clear, sender=Team, dispatch_uid="routing-cache-delete")
m2m_changed.connect(routing_cache_clear, sender=Team.communes.through, dispatch_uid="routing-cache-communes")
