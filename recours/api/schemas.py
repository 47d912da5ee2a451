from datetime import datetime

from ninja import Field, Schema
from pydantic import ConfigDict


class ContactIn(Schema):
    model_config = ConfigDict(extra="forbid")

    email: str | None = Field(None, description="Adresse électronique.")
    phone: str | None = Field(None, description="Numéro de téléphone.")
    name: str | None = Field(None, description="Prénom ou pseudonyme.")
    best_time: str | None = Field(None, description="Quand appeler sans risque.")
    notify_by_email: bool = Field(False, description="Prévenir par courriel quand une réponse attend.")


class ReportIn(Schema):
    model_config = ConfigDict(extra="forbid")

    role: str = Field(description="victime, temoin, tiers, professionnel ou lanceur_alerte.")
    narrative: str = Field(description="Le récit, en texte libre.")
    postal_code: str | None = Field(None, description="Code postal du lieu (5 chiffres).")
    commune: str | None = Field(None, description="Code INSEE de la commune, si le code postal en couvre plusieurs.")
    online: bool = Field(False, description="Les faits ont eu lieu en ligne.")
    occurred_on: str | None = Field(None, description="Date des faits, AAAA-MM-JJ.")
    period: str | None = Field(None, description="Sinon : en_cours, semaine, mois, six_mois, an, cinq_ans, plus.")
    criteria: list[str] = Field(default_factory=list, description="Codes des critères (vide : ne sait pas).")
    domain: str = Field(description="Code du domaine.")
    steps_taken: list[str] = Field(default_factory=list, description="Démarches déjà faites (codes).")
    steps_detail: str | None = None
    respondent: str | None = Field(None, description="Qui est en cause.")
    contact: ContactIn | None = Field(None, description="Facultatif : sans contact, le signalement est anonyme.")
    consent: bool = Field(description="Accord pour le traitement du signalement (doit être true).")


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
