"""Reads of the geography tables."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import Case, IntegerField, Value, When
from django.db.models.functions import Collate
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from recours.geo.models import Commune, Departement, normalise_for_search

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


# The place of a report: one rule for every channel ---------------------------------------

COMMUNE_UNKNOWN = "ne_sait_pas"  # the answer "I do not know which commune" where a channel asks
CHOOSE_COMMUNE = gettext_lazy(
    "Ce code postal couvre plusieurs communes : choisissez celle où cela s'est passé, ou « Je ne sais pas »."
)
COMMUNE_UNKNOWN_LABEL = gettext_lazy("Je ne sais pas")


@dataclass(frozen=True)
class Place:
    """Where a report says it happened, as `place_resolve` reads it.

    `commune` is set only when it is certain: the code's only commune, or the one chosen
    among its candidates. Otherwise the place keeps the postal code and, when every
    candidate shares it, the département (and région): never an arbitrary commune.
    `error` (French, for the person) and `error_field` ("postal_code" or "commune") say
    why the place is refused.
    """

    postal_code: str = ""
    commune: Commune | None = None
    candidates: tuple[Commune, ...] = ()
    departement_id: str | None = None
    region_id: str | None = None
    error: str = ""
    error_field: str = ""

    @property
    def commune_id(self) -> str | None:
        return self.commune.pk if self.commune is not None else None

    @property
    def ambiguous(self) -> bool:
        """Several communes share the code and none was chosen (a channel that asks offers them)."""
        return self.commune is None and len(self.candidates) > 1

    @property
    def departements(self) -> tuple[str, ...]:
        """The départements of the code's communes (one, or more for a code across a border)."""
        return tuple(sorted({c.departement_id for c in self.candidates}))


def _place_of(commune: Commune, *, postal_code: str = "", candidates: tuple = ()) -> Place:
    return Place(
        postal_code=postal_code, commune=commune, candidates=candidates or (commune,),
        departement_id=commune.departement_id, region_id=commune.region_id,
    )


def _refused(field: str, message: str, *, postal_code: str = "", candidates: tuple = ()) -> Place:
    return Place(postal_code=postal_code, candidates=candidates, error=str(message), error_field=field)


def place_resolve(*, postal_code: str | None = "", commune: str | None = None, ask: bool = False) -> Place:
    """The one postal code → commune policy, for the form, the API, the chat and the phone.

    - no postal code: the commune given (an INSEE code), if it exists; else no place;
    - a malformed or unknown code ("00000"): refused, on `postal_code`;
    - a code with one commune: that commune (a different commune given is refused);
    - a code with several: the commune chosen among them; a commune outside them is
      refused, on `commune`; none chosen (`None`, "" or COMMUNE_UNKNOWN): no commune, the
      département and région when all the candidates share them.

    `ask`: for a channel that asks which commune (form, call sheet, chat) — a code with
    several communes and no answer yet (neither a commune nor COMMUNE_UNKNOWN) is refused
    on `commune` with CHOOSE_COMMUNE, the candidates given to offer them.
    """
    code = "".join(str(postal_code or "").split())
    chosen = (commune or "").strip().upper()
    answered = bool(chosen)
    if chosen == COMMUNE_UNKNOWN.upper():
        chosen = ""
    if not code:
        if not chosen:
            return Place()
        found = commune_get(chosen)
        if found is None or not found.active:
            return _refused("commune", _("Cette commune est inconnue."))
        return _place_of(found)
    if not postal_code_is_valid(code):
        return _refused("postal_code", _("Le code postal doit compter 5 chiffres, par exemple 44000."), postal_code=code)
    candidates = tuple(communes_for_postal_code(code))
    if not candidates:
        return _refused("postal_code", _("Ce code postal n'existe pas. Vérifiez-le, par exemple 44000."), postal_code=code)
    if chosen:
        found = next((c for c in candidates if c.pk == chosen), None)
        if found is None:
            names = ", ".join(c.name for c in candidates[:8]) + ("…" if len(candidates) > 8 else "")
            return _refused("commune", _(
                "Cette commune ne correspond pas au code postal %(code)s. Communes de ce code postal : %(names)s."
            ) % {"code": code, "names": names}, postal_code=code, candidates=candidates)
        return _place_of(found, postal_code=code, candidates=candidates)
    if len(candidates) == 1:
        return _place_of(candidates[0], postal_code=code, candidates=candidates)
    if ask and not answered:
        return _refused("commune", CHOOSE_COMMUNE, postal_code=code, candidates=candidates)
    departements = {c.departement_id for c in candidates}
    regions = {c.region_id for c in candidates}
    return Place(
        postal_code=code, candidates=candidates,
        departement_id=next(iter(departements)) if len(departements) == 1 else None,
        region_id=next(iter(regions)) if len(regions) == 1 else None,
    )


def place_resolve_approximate(text: str | None, *, commune: str | None = None, ask: bool = False) -> Place:
    """The chat's place, where the visitor may give only the start of a postal code.

    Five digits follow `place_resolve`. Two to four digits name a département (the first
    two, three for 97x and 98x overseas; "20…" is Corsica, two départements: its région
    only); one whose digits match no département is refused. Nothing at all: no place.
    """
    digits = "".join(ch for ch in str(text or "") if ch.isdigit())[:5]
    if len(digits) == 5 or (not digits and commune):
        return place_resolve(postal_code=digits, commune=commune, ask=ask)
    if len(digits) < 2:
        return Place()
    if digits.startswith("20"):
        return place_of_departement("20")
    return place_of_departement(digits[:3] if digits[:2] in ("97", "98") and len(digits) >= 3 else digits[:2])


def place_of_departement(code: str | None) -> Place:
    """A place known only by its département ("44", "2A", "971"); "20" is Corsica, two
    départements of one région: the région only. An unknown code is refused."""
    code = (code or "").strip().upper()
    if not code:
        return Place()
    codes = ["2A", "2B"] if code == "20" else [code]
    found = list(Departement.objects.filter(pk__in=codes, active=True).values_list("pk", "region_id"))
    if not found:
        return _refused("postal_code", _("Ce début de code postal ne correspond à aucun département. Vérifiez-le."))
    regions = {region for _code, region in found}
    return Place(
        departement_id=found[0][0] if len(found) == 1 else None,
        region_id=next(iter(regions)) if len(regions) == 1 else None,
    )
