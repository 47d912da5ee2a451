"""The directory, read-only: search by place, grounds and domain; one service by id."""

from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from recours.api.codes import INSEE_CODE, POSTAL_CODE, shipped_codes, stated
from recours.api.schemas import ErrorOut
from recours.directory.models import KindOfHelp, Language
from recours.directory.schema import MODES_ACCUEIL
from recours.directory.forms import DirectorySearchForm
from recours.directory.schema import service_as_schema
from recours.directory.selectors import Result, service_get

router = Router(tags=["annuaire"])


class SearchQuery(Schema):
    postal_code: str | None = Field(None, json_schema_extra=stated(pattern=POSTAL_CODE), description="Code postal du lieu (5 chiffres).")
    commune: str | None = Field(None, json_schema_extra=stated(pattern=INSEE_CODE), description="Ou le code INSEE de la commune.")
    latitude: float | None = Field(None, description="Ou des coordonnées (avec longitude).")
    longitude: float | None = None
    criteria: list[str] = Field(default_factory=list, json_schema_extra=stated(items=shipped_codes("criteria")), description="Codes des critères (répétable).")
    domain: str | None = Field(None, json_schema_extra=stated(enum=shipped_codes("domains"), optional=True), description="Code du domaine.")
    mode_accueil: str | None = Field(None, json_schema_extra=stated(enum=[v for v, _label in MODES_ACCUEIL], optional=True), description="a-distance ou en-presentiel.")
    language: str | None = Field(None, json_schema_extra=stated(enum=Language.values, optional=True), description="Langue parlée (code ISO 639-1, ou lsf).")
    kind_of_help: str | None = Field(None, json_schema_extra=stated(enum=KindOfHelp.values, optional=True), description="Type d'aide (ecoute, information-juridique...).")
    open_now: bool = Field(False, description="Seulement les services ouverts maintenant.")
    limit: int = Field(20, ge=1, le=50, description="Nombre de services locaux au plus (50 au plus).")


class ContactOut(Schema):
    telephone: str | None
    courriel: str | None
    site_web: str | None
    lien_mobilisation: str | None
    adresse: str | None
    code_postal: str | None
    commune: str | None
    horaires_accueil: str | None


class ResultOut(Schema):
    id: int
    data_inclusion_id: str
    name: str
    structure: str
    description: str
    kinds_of_help: list[str]
    modes_accueil: list[str]
    languages: list[str]
    national: bool
    contact: ContactOut
    distance_km: float | None = Field(description="Distance à vol d'oiseau depuis le lieu cherché.")
    reasons: list[str] = Field(description="Pourquoi ce service est proposé.")


class SearchOut(Schema):
    place: str
    results: list[ResultOut] = Field(description="Services locaux d'abord, puis services nationaux.")


def _contact(service) -> dict:
    return {
        "telephone": service.telephone or service.structure.telephone or None,
        "courriel": service.courriel or service.structure.courriel or None,
        "site_web": service.structure.site_web or None,
        "lien_mobilisation": service.lien_mobilisation or None,
        "adresse": service.adresse or service.structure.adresse or None,
        "code_postal": service.code_postal or service.structure.code_postal or None,
        "commune": service.commune or service.structure.commune or None,
        "horaires_accueil": service.horaires_accueil or service.structure.horaires_accueil or None,
    }


def _result(result: Result) -> dict:
    service = result.service
    return {
        "id": service.pk,
        "data_inclusion_id": service.di_id,
        "name": service.nom,
        "structure": service.structure.nom,
        "description": service.description,
        "kinds_of_help": service.types_aide,
        "modes_accueil": service.modes_accueil,
        "languages": service.langues,
        "national": service.is_national,
        "contact": _contact(service),
        "distance_km": None if result.distance_km is None else round(result.distance_km, 1),
        "reasons": result.reasons,
    }


@router.get(
    "/search", response={200: SearchOut, 400: ErrorOut, 503: ErrorOut}, summary="Chercher de l'aide près d'un lieu",
)
def search(request: HttpRequest, query: Query[SearchQuery]):
    data = query.dict()
    limit = data.pop("limit")
    form = DirectorySearchForm(data={k: v for k, v in data.items() if v not in (None, "", [])})
    if not form.is_valid():
        errors = {field: " ".join(messages) for field, messages in form.errors.items()}
        return Status(400, {"message": _("La recherche contient des erreurs."), "errors": errors})
    found = form.search(limit=limit)
    return Status(200, {"place": found.place.label, "results": [_result(r) for r in found.all]})


@router.get(
    "/services/{service_id}", response={200: dict, 404: ErrorOut, 503: ErrorOut},
    summary="Un service de l'annuaire, au format data·inclusion (avec nos extensions)",
)
def service_detail(request: HttpRequest, service_id: int):
    service = service_get(service_id)
    if service is None:
        return Status(404, {"message": _("Ce service n'existe pas ou n'est plus proposé."), "errors": {}})
    return Status(200, {**service_as_schema(service), "recours_id": service.pk})


@router.get(
    "/export/{kind}", response={200: list[dict], 404: ErrorOut, 503: ErrorOut},
    summary="L'annuaire entier au format data·inclusion : structures ou services",
)
def directory_export(request: HttpRequest, kind: Literal["structures", "services"]):
    from recours.directory.exports import rows

    return Status(200, rows(kind))
