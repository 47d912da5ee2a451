"""The anonymous API's bodies. Their checks stay in the web form's steps (the answers do not
change); each field's schema states what those checks accept (recours/api/codes.py)."""

from datetime import datetime

from django.conf import settings
from ninja import Field, Schema
from pydantic import ConfigDict

from recours.api.codes import INSEE_CODE, ISO_DATE, POSTAL_CODE, shipped_codes, stated
from recours.casework.models import Period, StepTaken, Witnesses


class ContactIn(Schema):
    model_config = ConfigDict(extra="forbid")

    email: str | None = Field(None, json_schema_extra=stated(maxLength=254), description="Adresse électronique.")
    phone: str | None = Field(None, json_schema_extra=stated(maxLength=25), description="Numéro de téléphone.")
    name: str | None = Field(None, json_schema_extra=stated(maxLength=100), description="Prénom ou pseudonyme.")
    best_time: str | None = Field(None, json_schema_extra=stated(maxLength=200), description="Quand appeler sans risque.")
    notify_by_email: bool = Field(False, description="Prévenir par courriel quand une réponse attend.")


class ReportIn(Schema):
    model_config = ConfigDict(extra="forbid")

    role: str = Field(json_schema_extra=stated(enum=shipped_codes("roles")), description="victime, temoin, tiers, professionnel ou lanceur_alerte.")
    narrative: str = Field(
        json_schema_extra=stated(minLength=10, maxLength=settings.RECOURS_NARRATIVE_MAX_CHARS),
        description="Le récit, en texte libre (10 caractères au moins).",
    )
    postal_code: str | None = Field(None, json_schema_extra=stated(pattern=POSTAL_CODE), description="Code postal du lieu (5 chiffres).")
    commune: str | None = Field(None, json_schema_extra=stated(pattern=INSEE_CODE), description=(
        "Code INSEE de la commune, si le code postal en couvre plusieurs (voir /api/v1/geo/communes). Sans elle, le "
        "signalement garde le code postal et son département. Une commune d'un autre code postal est refusée."
    ))
    online: bool = Field(False, description="Les faits ont eu lieu en ligne.")
    occurred_on: str | None = Field(None, json_schema_extra=stated(pattern=ISO_DATE), description="Date des faits, AAAA-MM-JJ.")
    period: str | None = Field(None, json_schema_extra=stated(enum=Period.values, optional=True), description="Sinon : en_cours, semaine, mois, six_mois, an, cinq_ans, plus.")
    criteria: list[str] = Field(default_factory=list, json_schema_extra=stated(items=shipped_codes("criteria"), maxItems=30), description="Codes des critères (vide : ne sait pas).")
    domain: str = Field(json_schema_extra=stated(enum=shipped_codes("domains")), description="Code du domaine.")
    steps_taken: list[str] = Field(default_factory=list, json_schema_extra=stated(items=StepTaken.values, maxItems=len(StepTaken.values)), description="Démarches déjà faites (codes).")
    steps_detail: str | None = Field(None, json_schema_extra=stated(maxLength=2000), description="Précisions sur les démarches déjà faites.")
    respondent: str | None = Field(None, json_schema_extra=stated(maxLength=300), description="Qui est en cause.")
    consequences: str | None = Field(None, json_schema_extra=stated(maxLength=2000), description="Les conséquences pour la personne concernée.")
    witnesses: str | None = Field(None, json_schema_extra=stated(enum=Witnesses.values, optional=True), description="D'autres personnes ont vu ou entendu : oui, non ou ne_sait_pas.")
    contact: ContactIn | None = Field(None, description="Facultatif : sans contact, le signalement est anonyme.")
    consent: bool = Field(json_schema_extra=stated(enum=[True]), description="Accord pour le traitement du signalement (doit être true).")


class ReceiptOut(Schema):
    receipt: str = Field(description="Code de suivi, à garder : il n'est jamais montré à nouveau.")


class ErrorOut(Schema):
    message: str
    errors: dict[str, str] = {}


class MessageOut(Schema):
    id: int
    author: str
    body: str
    created_at: datetime


class FollowupOut(Schema):
    status: str
    status_text: str
    created_at: datetime
    messages: list[MessageOut]


class MessageIn(Schema):
    model_config = ConfigDict(extra="forbid")

    body: str


class MessageCreatedOut(Schema):
    id: int


class CommuneOut(Schema):
    insee_code: str
    name: str
    departement: str
