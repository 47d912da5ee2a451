"""The data·inclusion schema (1.x) as this app uses it: choices, validation, zone codes.

The schema's own package (`data-inclusion-schema`) validates the standard fields through its
pydantic models and gives the lists of values; nothing here copies those lists. Our
extensions (criteria, domains, kinds of help, languages) are checked against our taxonomies.

`service_row_validate` is the single gate every entry passes, whatever its way in (import
file, coordinator screen, seed data): it returns the model fields or raises `RowError` with
French messages, one per field.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

import pydantic
from data_inclusion.schema import v1
from django.utils.translation import gettext as _

from recours.directory.models import KindOfHelp, Language

FRANCE = "france"
COUNTRY_FRANCE = "99100"
_COMMUNE = re.compile(r"^(\d{5}|2[AB]\d{3})$")
_DEPARTEMENT = re.compile(r"^(\d{2}|2[AB]|9[78]\d)$")
_EPCI = re.compile(r"^\d{9}$")
_REGION = re.compile(r"^region:(\d{2,3})$")


def enum_choices(enum) -> list[tuple[str, str]]:
    """Django choices from one of the schema's enums (value, French label)."""
    return [(member.value, member.label) for member in enum]


THEMATIQUES = enum_choices(v1.Thematique)
PUBLICS = enum_choices(v1.Public)
MODES_ACCUEIL = enum_choices(v1.ModeAccueil)
MODES_MOBILISATION = enum_choices(v1.ModeMobilisation)
FRAIS = enum_choices(v1.Frais)
TYPES_SERVICE = enum_choices(v1.TypeService)


class RowError(ValueError):
    """An entry that cannot be imported or saved: French messages by field."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


@dataclass(frozen=True)
class Geography:
    """The codes an entry may use, loaded once per validation run (not per row)."""

    communes: dict[str, tuple[str, str, float | None, float | None]]  # insee -> (dep, region, lat, lon)
    departements: frozenset[str]
    regions: frozenset[str]
    criteria: frozenset[str]
    related_situations: frozenset[str]
    domains: frozenset[str]
    region_departements: dict[str, tuple[str, ...]] = field(default_factory=dict)
    kinds_of_help: frozenset[str] = field(default_factory=lambda: frozenset(KindOfHelp.values))
    languages: frozenset[str] = field(default_factory=lambda: frozenset(Language.values))

    @classmethod
    def load(cls) -> Geography:
        from recours.geo.models import Commune, Departement, Region
        from recours.taxonomy.models import Criterion, Domain, RelatedSituation

        region_departements: dict[str, list[str]] = {}
        for code, region in Departement.objects.filter(active=True).values_list("code", "region_id"):
            region_departements.setdefault(region, []).append(code)
        return cls(
            region_departements={r: tuple(sorted(d)) for r, d in region_departements.items()},
            communes={
                insee: (dep, reg, lat, lon)
                for insee, dep, reg, lat, lon in Commune.objects.values_list(
                    "insee_code", "departement_id", "region_id", "latitude", "longitude"
                )
            },
            departements=frozenset(Departement.objects.values_list("code", flat=True)),
            regions=frozenset(Region.objects.values_list("code", flat=True)),
            criteria=frozenset(Criterion.objects.values_list("code", flat=True)),
            related_situations=frozenset(RelatedSituation.objects.values_list("code", flat=True)),
            domains=frozenset(Domain.objects.values_list("code", flat=True)),
        )


def zone_expand(raw_codes, geography: Geography) -> list[str]:
    """`zone_eligibilite` as the schema writes it: `region:NN`, which we accept for
    convenience, becomes the list of the région's départements, as the schema asks."""
    codes: list[str] = []
    for raw in raw_codes or []:
        match = _REGION.match(str(raw).strip().lower())
        if match and match.group(1) in geography.region_departements:
            codes.extend(geography.region_departements[match.group(1)])
        else:
            codes.append(str(raw).strip())
    return list(dict.fromkeys(codes))


def zone_code_normalise(raw: str, geography: Geography) -> str:
    """A code of `zone_eligibilite` as stored in `ServiceZone`; ValueError if unknown.

    data·inclusion codes: a commune (5 characters), a département (2 or 3), an EPCI (9 digits),
    `france` or the country code 99100.
    """
    code = str(raw).strip()
    upper = code.upper()
    if code.lower() == FRANCE or code == COUNTRY_FRANCE:
        return FRANCE
    if _COMMUNE.match(upper):
        if upper not in geography.communes:
            raise ValueError(_("commune inconnue : %(code)s") % {"code": code})
        return f"commune:{upper}"
    if _DEPARTEMENT.match(upper):
        if upper not in geography.departements:
            raise ValueError(_("département inconnu : %(code)s") % {"code": code})
        return f"departement:{upper}"
    if _EPCI.match(code):
        return f"epci:{code}"
    if _REGION.match(code.lower()):
        raise ValueError(_("région inconnue : %(code)s") % {"code": code})
    raise ValueError(_("code de zone non reconnu : %(code)s") % {"code": code})


def match_key(codes: list[str]) -> str:
    """The search key of a list of codes: "*" when empty (the service handles them all)."""
    return f"|{'|'.join(sorted(codes))}|" if codes else "*"


def place_zone_codes(insee: str, departement: str, region: str) -> list[str]:
    """Every zone code that covers a commune: itself, its département, France."""
    return [f"commune:{insee}", f"departement:{departement}", FRANCE]


def _pydantic_errors(exc: pydantic.ValidationError) -> dict[str, str]:
    errors: dict[str, str] = {}
    for error in exc.errors():
        name = ".".join(str(part) for part in error.get("loc", ()) if not isinstance(part, int)) or "ligne"
        kind = error.get("type", "")
        if kind == "missing":
            message = _("champ obligatoire manquant")
        elif kind in ("string_too_short", "string_too_long"):
            message = _("longueur invalide")
        elif kind == "enum":
            message = _("valeur non prévue par le schéma data·inclusion : %(value)s") % {
                "value": error.get("input")
            }
        elif kind.startswith("date") or kind == "date_from_datetime_parsing":
            message = _("date invalide (attendu : AAAA-MM-JJ)")
        elif kind == "string_pattern_mismatch":
            message = _("format invalide : %(value)s") % {"value": error.get("input")}
        elif kind in ("url_parsing", "url_scheme", "url_type"):
            message = _("adresse web invalide")
        elif kind == "value_error" and name.startswith("courriel"):
            message = _("adresse de courriel invalide")
        else:
            message = _("valeur invalide : %(detail)s") % {"detail": error.get("msg", "")}
        errors.setdefault(name, message)
    return errors


def _codes(values, allowed: frozenset[str], field_name: str, errors: dict[str, str]) -> list[str]:
    values = [str(v).strip() for v in values or [] if str(v).strip()]
    unknown = sorted(set(values) - allowed)
    if unknown:
        errors[field_name] = _("valeurs inconnues : %(values)s") % {"values": ", ".join(unknown)}
    return sorted(set(values) & allowed)


def _position(data: dict, geography: Geography, errors: dict[str, str]) -> tuple[float | None, float | None]:
    lat, lon = data.get("latitude"), data.get("longitude")
    if lat is None and lon is None:
        return None, None
    try:
        lat, lon = float(lat), float(lon)
    except (TypeError, ValueError):
        errors["latitude"] = _("coordonnées invalides : latitude et longitude sont attendues ensemble")
        return None, None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        errors["latitude"] = _("coordonnées hors limites : %(lat)s, %(lon)s") % {"lat": lat, "lon": lon}
        return None, None
    return lat, lon


def _opening_hours_check(value: str | None, errors: dict[str, str]) -> str:
    value = (value or "").strip()
    if value and not opening_hours_parse(value):
        errors["horaires_accueil"] = _(
            "horaires illisibles : le format OpenStreetMap est attendu (par exemple « Mo-Fr 09:00-17:00 »)"
        )
    return value


@lru_cache(maxsize=4096)
def opening_hours_parse(value: str):
    """The parsed `opening_hours` expression, or None if it does not parse (cached: few distinct values)."""
    from opening_hours import OpeningHours

    try:
        return OpeningHours(value)
    except Exception:  # the parser raises its own ParserError; any failure means unreadable
        return None


def _common_fields(model: pydantic.BaseModel, data: dict, geography: Geography, errors: dict) -> dict:
    code_insee = (model.code_insee or "").upper()
    if code_insee and code_insee not in geography.communes:
        errors["code_insee"] = _("commune inconnue : %(code)s") % {"code": model.code_insee}
    lat, lon = _position(data, geography, errors)
    if lat is None and code_insee in geography.communes:
        # No coordinates given: the commune's centre places the entry well enough for a distance.
        lat, lon = geography.communes[code_insee][2:]
    return {
        "source": model.source,
        "di_id": model.id,
        "nom": model.nom,
        "date_maj": model.date_maj,
        "description": model.description or "",
        "commune": model.commune or "",
        "code_postal": model.code_postal or "",
        "code_insee": code_insee,
        "adresse": model.adresse or "",
        "complement_adresse": model.complement_adresse or "",
        "latitude": lat,
        "longitude": lon,
        "telephone": (model.telephone or "").strip(),
        "courriel": str(model.courriel or ""),
        "lien_source": str(model.lien_source or ""),
        "horaires_accueil": _opening_hours_check(model.horaires_accueil, errors),
    }


def _prepared(data: dict, list_fields: tuple[str, ...]) -> dict:
    """Empty strings as missing values, as the schema's CSV exports write them."""
    clean = {}
    for key, value in data.items():
        if value == "" or value is None:
            continue
        if key in list_fields and isinstance(value, str):
            value = [part.strip() for part in re.split(r"[,|]", value) if part.strip()]
        clean[key] = value
    return clean


STRUCTURE_LISTS = ("reseaux_porteurs",)
SERVICE_LISTS = (
    "thematiques", "publics", "modes_accueil", "zone_eligibilite", "modes_mobilisation", "mobilisable_par",
    "criteres", "situations_connexes", "domaines", "types_aide", "langues",
)


def structure_row_validate(data: dict, geography: Geography) -> dict:
    """A structure in the schema's format -> the fields of `Structure`; RowError if invalid."""
    data = _prepared(data, STRUCTURE_LISTS)
    errors: dict[str, str] = {}
    try:
        model = v1.Structure.model_validate(data)
    except pydantic.ValidationError as exc:
        raise RowError(_pydantic_errors(exc)) from None
    fields = _common_fields(model, data, geography, errors)
    fields.update(
        siret=model.siret or "",
        site_web=str(model.site_web or ""),
        reseaux_porteurs=sorted(r.value for r in model.reseaux_porteurs or ()),
    )
    if errors:
        raise RowError(errors)
    return fields


def service_row_validate(data: dict, geography: Geography) -> tuple[dict, list[str]]:
    """A service in the schema's format (plus our extensions) -> (fields of `Service`, zone codes)."""
    data = _prepared(data, SERVICE_LISTS)
    errors: dict[str, str] = {}
    extensions = {name: data.pop(name, None) for name in (
        "criteres", "situations_connexes", "domaines", "types_aide", "langues", "date_verification",
        "courriel_orientation",
    )}
    # The zone is checked here, against the geography: the schema only checks the codes' form.
    zone = zone_expand(data.pop("zone_eligibilite", None), geography)
    try:
        model = v1.Service.model_validate(data)
    except pydantic.ValidationError as exc:
        errors.update(_pydantic_errors(exc))
        model = None
    zones: list[str] = []
    for raw in zone:
        try:
            zones.append(zone_code_normalise(raw, geography))
        except ValueError as exc:
            errors["zone_eligibilite"] = str(exc)
    if not zones and "zone_eligibilite" not in errors:
        errors["zone_eligibilite"] = _("zone d'éligibilité manquante : au moins un code, ou « france »")
    fields: dict = {}
    if model is not None:
        fields = _common_fields(model, data, geography, errors)
        fields.update(
            structure_di_id=model.structure_id,
            type=model.type.value if model.type else "",
            thematiques=sorted(t.value for t in model.thematiques or ()),
            frais=model.frais.value if model.frais else "",
            frais_precisions=model.frais_precisions or "",
            publics=sorted(p.value for p in model.publics or ()),
            publics_precisions=model.publics_precisions or "",
            conditions_acces=model.conditions_acces or "",
            contact_nom_prenom=model.contact_nom_prenom or "",
            modes_accueil=sorted(m.value for m in model.modes_accueil or ()),
            zone_eligibilite=zone,
            lien_mobilisation=str(model.lien_mobilisation or ""),
            modes_mobilisation=sorted(m.value for m in model.modes_mobilisation or ()),
            mobilisable_par=sorted(m.value for m in model.mobilisable_par or ()),
            mobilisation_precisions=model.mobilisation_precisions or "",
        )
    fields.update(
        criteres=_codes(extensions["criteres"], geography.criteria, "criteres", errors),
        situations_connexes=_codes(
            extensions["situations_connexes"], geography.related_situations, "situations_connexes", errors
        ),
        domaines=_codes(extensions["domaines"], geography.domains, "domaines", errors),
        types_aide=_codes(extensions["types_aide"], geography.kinds_of_help, "types_aide", errors),
        langues=_codes(extensions["langues"], geography.languages, "langues", errors),
        courriel_orientation=(extensions["courriel_orientation"] or "").strip(),
    )
    verified = extensions["date_verification"]
    if verified:
        try:
            fields["date_verification"] = (
                verified if isinstance(verified, dt.date) else dt.date.fromisoformat(str(verified))
            )
        except ValueError:
            errors["date_verification"] = _("date invalide (attendu : AAAA-MM-JJ)")
    if errors:
        raise RowError(errors)
    fields["is_national"] = "france" in zones
    fields["criteres_cle"] = match_key(fields["criteres"] + fields["situations_connexes"])
    fields["domaines_cle"] = match_key(fields["domaines"])
    return fields, sorted(set(zones))


def service_as_schema(service) -> dict:
    """A service as data·inclusion writes it, plus our extensions: what exports and the API give."""
    return {
        "source": service.source,
        "structure_id": service.structure.di_id,
        "id": service.di_id,
        "nom": service.nom,
        "description": service.description,
        "date_maj": service.date_maj.isoformat(),
        "lien_source": service.lien_source or None,
        "type": service.type or None,
        "thematiques": service.thematiques or None,
        "frais": service.frais or None,
        "frais_precisions": service.frais_precisions or None,
        "publics": service.publics or None,
        "publics_precisions": service.publics_precisions or None,
        "conditions_acces": service.conditions_acces or None,
        "commune": service.commune or None,
        "code_postal": service.code_postal or None,
        "code_insee": service.code_insee or None,
        "adresse": service.adresse or None,
        "complement_adresse": service.complement_adresse or None,
        "longitude": service.longitude,
        "latitude": service.latitude,
        "telephone": service.telephone or None,
        "courriel": service.courriel or None,
        "contact_nom_prenom": service.contact_nom_prenom or None,
        "modes_accueil": service.modes_accueil or None,
        "zone_eligibilite": service.zone_eligibilite or None,
        "lien_mobilisation": service.lien_mobilisation or None,
        "modes_mobilisation": service.modes_mobilisation or None,
        "mobilisable_par": service.mobilisable_par or None,
        "mobilisation_precisions": service.mobilisation_precisions or None,
        "horaires_accueil": service.horaires_accueil or None,
        "criteres": service.criteres,
        "situations_connexes": service.situations_connexes,
        "domaines": service.domaines,
        "types_aide": service.types_aide,
        "langues": service.langues,
        "date_verification": service.date_verification.isoformat() if service.date_verification else None,
    }
