"""Reads of the directory: where a person is, and who can help them there.

The search runs in two steps that behave the same on SQLite and PostgreSQL:
1. the database picks and ranks the candidates, from `ServiceZone` alone (its code index and
   its copy of the match keys and position): zones that cover the place, services that
   handle the grounds and the domain (LIKE on the match keys), within a box when a radius is
   asked; a specific match of ground and domain first, then the distance (equirectangular
   approximation, plain arithmetic), a few more rows than asked;
2. Python orders those few by the great-circle distance and applies what SQL cannot (open
   now, reception mode, language, kind of help: read through the service, row by row, in
   the same order, until enough pass). National services come last, as a separate
   fallback, so that a person is never left with nothing.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from django.db.models import Case, ExpressionWrapper, F, FloatField, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from recours.core.cache import ReferenceCache
from recours.directory.models import Service, ServiceZone
from recours.directory.schema import FRANCE, opening_hours_parse, place_zone_codes
from recours.geo.selectors import communes_for_postal_code, commune_get, distance_km, postal_code_is_valid

RESULTS_MAX = 50
NATIONAL_MAX = 8
KM_PER_DEGREE = 111.2


class PlaceError(ValueError):
    """A place that cannot be searched from: French message for the person."""

    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field = field_name
        self.message = message


@dataclass(frozen=True)
class Place:
    label: str
    zone_codes: tuple[str, ...]
    latitude: float | None
    longitude: float | None
    departement: str = ""


def _place_of_communes(communes, label: str) -> Place:
    codes: list[str] = []
    for commune in communes:
        codes.extend(place_zone_codes(commune.insee_code, commune.departement_id, commune.region_id))
    first = communes[0]
    return Place(
        label=label, zone_codes=tuple(dict.fromkeys(codes)), latitude=first.latitude,
        longitude=first.longitude, departement=first.departement_id,
    )


def place_from_postal_code(code: str) -> Place:
    code = (code or "").strip()
    if not postal_code_is_valid(code):
        raise PlaceError("postal_code", _("Le code postal doit compter 5 chiffres."))
    communes = communes_for_postal_code(code)
    if not communes:
        raise PlaceError("postal_code", _("Ce code postal n'existe pas. Vérifiez ses 5 chiffres, par exemple 44000."))
    names = ", ".join(c.name for c in communes[:3]) + ("…" if len(communes) > 3 else "")
    return _place_of_communes(communes, f"{code} ({names})")


def place_from_commune(insee_code: str) -> Place:
    commune = commune_get(insee_code or "")
    if commune is None or not commune.active:
        raise PlaceError("commune", _("Cette commune est inconnue."))
    return _place_of_communes([commune], f"{commune.name} ({commune.departement_id})")


def place_from_coordinates(latitude: float, longitude: float) -> Place:
    """The commune whose centre is nearest, searched in a widening box around the point."""
    from recours.geo.models import Commune

    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise PlaceError("latitude", _("Ces coordonnées ne sont pas valides."))
    for half_side_km in (10, 40, 150):
        d_lat = half_side_km / KM_PER_DEGREE
        d_lon = d_lat / max(0.1, math.cos(math.radians(latitude)))
        near = list(
            Commune.objects.filter(
                active=True, latitude__range=(latitude - d_lat, latitude + d_lat),
                longitude__range=(longitude - d_lon, longitude + d_lon),
            ).only("insee_code", "name", "departement_id", "region_id", "latitude", "longitude")
        )
        if near:
            nearest = min(near, key=lambda c: (distance_km(latitude, longitude, c.latitude, c.longitude), c.pk))
            place = _place_of_communes([nearest], f"{nearest.name} ({nearest.departement_id})")
            return Place(place.label, place.zone_codes, latitude, longitude, place.departement)
    raise PlaceError("latitude", _("Ce point n'est pas en France."))


@dataclass
class Result:
    service: Service
    distance_km: float | None
    fit: int
    reasons: list[str] = field(default_factory=list)

    @property
    def is_national(self) -> bool:
        return self.service.is_national


@dataclass
class SearchResults:
    place: Place
    local: list[Result]
    national: list[Result]

    @property
    def all(self) -> list[Result]:
        return self.local + self.national


def _grounds_q(grounds: tuple[str, ...]) -> Q:
    q = Q(criteres_cle="*")
    for code in grounds:
        q |= Q(criteres_cle__contains=f"|{code}|")
    return q


def _domain_q(domain: str) -> Q:
    return Q(domaines_cle="*") | Q(domaines_cle__contains=f"|{domain}|")


def _fit(criteres_cle: str, domaines_cle: str, grounds: tuple[str, ...], domain: str) -> int:
    """2 for a ground named by the service, 1 for the domain named: generalists score 0."""
    score = 0
    if grounds and criteres_cle != "*" and any(f"|{g}|" in criteres_cle for g in grounds):
        score += 2
    if domain and domaines_cle != "*" and f"|{domain}|" in domaines_cle:
        score += 1
    return score


def _fit_sql(grounds: tuple[str, ...], domain: str):
    """`_fit` as an SQL expression, over the zone's copy of the match keys."""
    parts = []
    if grounds:
        named = Q()
        for code in grounds:
            named |= Q(criteres_cle__contains=f"|{code}|")
        parts.append(Case(When(~Q(criteres_cle="*") & named, then=Value(2)), default=Value(0)))
    if domain:
        parts.append(Case(When(~Q(domaines_cle="*") & Q(domaines_cle__contains=f"|{domain}|"), then=Value(1)),
                          default=Value(0)))
    fit = Value(0)
    for part in parts:
        fit = fit + part
    return ExpressionWrapper(fit, output_field=IntegerField())


def _is_open(hours: str, at: dt.datetime) -> bool:
    parsed = opening_hours_parse(hours) if hours else None
    if parsed is None:
        return False
    try:
        return bool(parsed.is_open(timezone.localtime(at).replace(tzinfo=None)))
    except Exception:  # an expression the parser reads but cannot evaluate: not known to be open
        return False


def directory_search(
    *,
    place: Place,
    criteria: tuple[str, ...] | list[str] = (),
    domain: str = "",
    mode_accueil: str = "",
    language: str = "",
    kind_of_help: str = "",
    open_now: bool = False,
    radius_km: float | None = None,
    limit: int = 20,
    now: dt.datetime | None = None,
    ground_labels: dict[str, str] | None = None,
) -> SearchResults:
    """The services that can help at `place` for these grounds and this domain, best first.

    `ground_labels` (criterion code -> words) names the grounds in a result's reasons with the
    words the person chose (the public page's plain grounds) instead of the legal labels."""
    grounds = tuple(dict.fromkeys(c for c in criteria if c))
    limit = max(1, min(int(limit), RESULTS_MAX))
    now = now or timezone.now()

    zones = ServiceZone.objects.filter(code__in=[code for code in place.zone_codes if code != FRANCE], listed=True)
    if grounds:
        zones = zones.filter(_grounds_q(grounds))
    if domain:
        zones = zones.filter(_domain_q(domain))
    lat0, lon0 = place.latitude, place.longitude
    if lat0 is not None:
        # Ranked in SQL by the equirectangular approximation of the distance (plain arithmetic,
        # the same on SQLite and PostgreSQL); the great-circle distance of the few rows kept
        # then orders them exactly.
        shrink = math.cos(math.radians(lat0))
        d_lat, d_lon = F("latitude") - Value(lat0), (F("longitude") - Value(lon0)) * Value(shrink)
        zones = zones.annotate(d2=ExpressionWrapper(d_lat * d_lat + d_lon * d_lon, output_field=FloatField()))
        if radius_km:
            degrees = radius_km / KM_PER_DEGREE
            zones = zones.filter(
                latitude__range=(lat0 - degrees, lat0 + degrees),
                longitude__range=(lon0 - degrees / max(0.1, shrink), lon0 + degrees / max(0.1, shrink)),
                d2__lte=(degrees * 1.01) ** 2,
            )
    zones = zones.annotate(fit=_fit_sql(grounds, domain))
    if lat0 is not None:
        zones = zones.order_by("-fit", F("d2").asc(nulls_last=True), "service_id")
    else:  # a place without a known position: fit, then the order of the entries
        zones = zones.order_by("-fit", "service_id")

    extra = [name for name, wanted in (
        ("modes_accueil", mode_accueil), ("langues", language), ("types_aide", kind_of_help),
        ("horaires_accueil", open_now),
    ) if wanted]
    rows = zones.values_list("service_id", "latitude", "longitude", "fit", *[f"service__{name}" for name in extra])
    # A service may come once per code of the place it covers: a few more rows than needed.
    rows = rows.iterator(chunk_size=4 * limit) if extra else rows[:2 * limit + 10]
    ranked, seen = [], set()
    for row in rows:
        pk, lat, lon, fit = row[:4]
        if pk in seen:
            continue
        seen.add(pk)
        if extra and not _passes(dict(zip(extra, row[4:])), mode_accueil, language, kind_of_help, open_now, now):
            continue
        distance = None
        if lat is not None and lat0 is not None:
            distance = distance_km(lat0, lon0, lat, lon)
            if radius_km and distance > radius_km:
                continue
        ranked.append((-fit, math.inf if distance is None else distance, pk))
        if extra and len(ranked) >= 2 * limit:
            break
    ranked.sort()
    top = ranked[:limit]

    national = []
    for row in _national_candidates():
        pk, ckey, dkey, more = row[0], row[1], row[2], row[3]
        if grounds and not (ckey == "*" or any(f"|{g}|" in ckey for g in grounds)):
            continue
        if domain and not (dkey == "*" or f"|{domain}|" in dkey):
            continue
        if _passes(more, mode_accueil, language, kind_of_help, open_now, now):
            national.append((-_fit(ckey, dkey, grounds, domain), pk))
    # A specific match first; among equals, generalists then names (the order kept above).
    national = sorted(national, key=lambda item: item[0])[:NATIONAL_MAX]

    wanted = [pk for _, _, pk in top] + [pk for _, pk in national]
    services = Service.objects.select_related("structure").in_bulk(wanted)
    local_results = [
        _result(services[pk], None if d == math.inf else d, -fit, place, grounds, domain, ground_labels)
        for fit, d, pk in top
    ]
    national_results = [
        _result(services[pk], None, -fit, place, grounds, domain, ground_labels) for fit, pk in national
    ]
    return SearchResults(place=place, local=local_results, national=national_results)


_national = ReferenceCache("directory.national")


def _national_candidates() -> list[tuple]:
    """The national services (zone `france`), generalists first then by name, with what the
    filters read: few and read by every search, so each process keeps them for
    `RECOURS_REFERENCE_CACHE_SECONDS` (core/cache.py; cleared by the directory's writes)."""
    return _national.get("rows", _national_rows)


def _national_rows() -> list[tuple]:
    return [
        (pk, ckey, dkey, {"modes_accueil": modes, "langues": langs, "types_aide": kinds, "horaires_accueil": hours})
        for pk, ckey, dkey, modes, langs, kinds, hours in Service.objects.filter(
            retired_at__isnull=True, is_national=True,
            pk__in=ServiceZone.objects.filter(code=FRANCE).values("service_id"),
        ).annotate(generalist=Case(
            When(Q(criteres_cle="*") & Q(domaines_cle="*"), then=Value(1)), default=Value(0),
            output_field=IntegerField(),
        )).order_by("-generalist", "nom", "pk").values_list(
            "pk", "criteres_cle", "domaines_cle", "modes_accueil", "langues", "types_aide", "horaires_accueil",
        )
    ]


def directory_cache_clear() -> None:
    """Forget this process's copy of the national services (after a write to the directory)."""
    _national.clear()


def _passes(more: dict, mode_accueil: str, language: str, kind_of_help: str, open_now: bool, now) -> bool:
    if mode_accueil and mode_accueil not in (more.get("modes_accueil") or []):
        return False
    if language and language not in (more.get("langues") or []):
        return False
    if kind_of_help and kind_of_help not in (more.get("types_aide") or []):
        return False
    if open_now and not _is_open(more.get("horaires_accueil") or "", now):
        return False
    return True


def _result(
    service: Service, distance: float | None, fit: int, place: Place, grounds, domain: str,
    ground_labels: dict[str, str] | None = None,
) -> Result:
    from recours.taxonomy.models import Criterion, Domain, RelatedSituation

    reasons = []
    named = [g for g in grounds if g in service.criteres or g in service.situations_connexes]
    if named:
        if ground_labels:
            labels = list(dict.fromkeys(ground_labels[g] for g in named if g in ground_labels))
        else:
            labels = _labels(Criterion, named) + _labels(RelatedSituation, named)
        reasons.append(_("traite : %(grounds)s") % {"grounds": ", ".join(labels)})
    elif grounds and not service.criteres:
        reasons.append(_("traite tous les motifs de discrimination"))
    if domain and domain in service.domaines:
        reasons.append(_("domaine : %(domain)s") % {"domain": ", ".join(_labels(Domain, [domain]))})
    elif domain and not service.domaines:
        reasons.append(_("tous les domaines"))
    if service.is_national:
        reasons.append(_("service national"))
    else:
        reasons.append(_("intervient à %(place)s") % {"place": place.label})
    return Result(service=service, distance_km=distance, fit=fit, reasons=reasons)


def _labels(model, codes: list[str]) -> list[str]:
    from recours.taxonomy.selectors import criteria_active, domains_active, related_situations_active

    entries = {"Criterion": criteria_active, "Domain": domains_active,
               "RelatedSituation": related_situations_active}[model.__name__]()
    by_code = {e.code: e.label for e in entries}
    return [by_code[c] for c in codes if c in by_code]


def service_get(pk: int, *, include_retired: bool = False) -> Service | None:
    queryset = Service.objects.select_related("structure")
    if not include_retired:
        queryset = queryset.filter(retired_at__isnull=True)
    return queryset.filter(pk=pk).first()


def _territory_zone_q(teams) -> Q | None:
    """The entries whose eligibility zone lies in the teams' territory (None: a national team, everywhere)."""
    from recours.accounts.models import TeamKind
    from recours.geo.models import Commune, Departement

    departements: set[str] = set()
    communes: set[str] = set()
    for team in teams:
        if team.is_national:
            return None
        if team.kind == TeamKind.DEPARTEMENT:
            departements.add(team.departement_id)
        elif team.kind == TeamKind.REGION:
            departements |= set(Departement.objects.filter(region_id=team.region_id).values_list("code", flat=True))
        else:
            communes |= set(team.communes.values_list("insee_code", flat=True))
    # A département's entry serves the teams of its communes too (a zone `region:NN` is stored as its départements).
    covering = set(Commune.objects.filter(insee_code__in=communes).values_list("departement_id", flat=True))
    codes = [f"departement:{code}" for code in departements | covering] + [f"commune:{code}" for code in communes]
    codes += [f"commune:{code}" for code in Commune.objects.filter(departement_id__in=departements).values_list("insee_code", flat=True)]
    return Q(pk__in=ServiceZone.objects.filter(code__in=codes).values("service_id"))


def services_to_verify_for(user, *, today: dt.date | None = None):
    """The directory's entries whose review is due (never verified, or more than a year ago) in the
    user's teams' territory: the entries those teams keep, and those whose zone lies in their
    territory or covers it (a département's entry for a city's team; every entry for a national team), oldest verification first."""
    from recours.accounts.models import Team
    from recours.directory.coordination import services_to_verify

    teams = list(Team.objects.filter(active=True, memberships__user=user).select_related("departement", "region"))
    if not teams:
        return Service.objects.none()
    zone = _territory_zone_q(teams)
    condition = Q() if zone is None else (Q(team__in=teams) | zone)
    return services_to_verify(Service.objects.filter(condition), today=today).select_related("structure").order_by(
        F("date_verification").asc(nulls_first=True), "nom", "pk"
    )
