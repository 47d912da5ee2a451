"""Reads of the geography tables."""

from __future__ import annotations

import math
import re

from django.db import connection
from django.db.models import Case, IntegerField, Value, When
from django.db.models.functions import Collate

from recours.geo.models import Commune, normalise_for_search

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)
SEARCH_LIMIT_MAX = 50
_POSTAL_CODE = re.compile(r"[0-9]{5}")
# Byte-wise collations, so that ordering is the same on both backends (search_name is ASCII).
_BINARY_COLLATION = {"postgresql": "C", "sqlite": "BINARY"}


def _by_search_name(field: str = "search_name"):
    collation = _BINARY_COLLATION.get(connection.vendor)
    return Collate(field, collation).asc() if collation else field


def postal_code_is_valid(code: str) -> bool:
    """True for five ASCII digits; says nothing of whether La Poste uses the code."""
    return isinstance(code, str) and _POSTAL_CODE.fullmatch(code) is not None


def communes_for_postal_code(code: str) -> list[Commune]:
    """The current communes a postal code serves, by name ([] for an unknown or malformed code)."""
    if not postal_code_is_valid(code):
        return []
    return list(
        Commune.objects.filter(postal_codes__code=code, active=True)
        .select_related("departement")
        .order_by(_by_search_name(), "insee_code")
    )


def commune_get(insee_code: str) -> Commune | None:
    """The commune with this INSEE code ("2a004" is read as "2A004"), current or not; None if unknown."""
    if not isinstance(insee_code, str):
        return None
    return (
        Commune.objects.select_related("departement", "region")
        .filter(insee_code=insee_code.strip().upper())
        .first()
    )


def commune_search(query: str, limit: int = 10) -> list[Commune]:
    """Current communes whose name starts with `query`, ignoring case, accents and punctuation.

    "saint etienne", "SAINT-ÉTIENNE" and "saint-etienne" find the same communes. An exact
    name comes first, then the others in alphabetical order; at most `limit` (capped at 50).
    """
    key = normalise_for_search(query)
    limit = max(0, min(int(limit), SEARCH_LIMIT_MAX))
    if not key or not limit:
        return []
    return list(
        Commune.objects.filter(search_name__startswith=key, active=True)
        .select_related("departement")
        .annotate(exact=Case(When(search_name=key, then=Value(0)), default=Value(1), output_field=IntegerField()))
        .order_by("exact", _by_search_name(), "insee_code")[:limit]
    )


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two points (haversine formula)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lon2 - lon1)
    h = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
