"""Which team a new case goes to: the most specific active team whose territory holds its commune.

Order: a team listing the commune, then the team of its département, then the team of its
région, else the national team. Within one level, the oldest team wins (lowest id), so
the answer never depends on the database's mood. A case with no commune (facts online,
or place unknown) goes to the national team.
"""

from __future__ import annotations

from django.db.models import Case, IntegerField, Q, Value, When

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
    if online or not commune_id:
        return team_national_get()
    return team_for_commune(Commune.objects.filter(pk=commune_id).only("pk", "departement_id", "region_id").first())
