"""The partner API: a partner's own software files reports with the person's consent and follows
them, with a key created and revoked in the partner space (recours.partners).

`Authorization: Bearer rcp_…`. Every request reads the key's row (a revoked key is refused at
once), checks the scope of the route, and counts against the key's budget per minute. A report
is checked by the web form's own steps, as on the anonymous route.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.decorators import decorate_view
from ninja.security import HttpBearer

from recours.api.codes import INSEE_CODE, ISO_DATE, POSTAL_CODE, enum, shipped_codes
from recours.api.reports import _api_field, _form_data
from recours.api.schemas import ErrorOut, ReportIn
from recours.casework.models import Period, StepTaken, Witnesses
from recours.core import ratelimit
from recours.core.admission import admission_required
from recours.core.receipts import receipt_format
from recours.intake.services import ReportInvalid, report_clean
from recours.intake.steps import API_FORMS
from recours.partners import selectors, services
from recours.partners.models import ApiScope


class PartnerKey(HttpBearer):
    """A live partner key (recours.partners.services.credential_for_key), kept on request.auth."""

    openapi_description = "Clé d'API partenaire (rcp_…), créée dans l'espace partenaire."

    def authenticate(self, request, token):
        return services.credential_for_key(token)


router = Router(tags=["partenaires"], auth=PartnerKey())


RoleCode = enum(shipped_codes("roles"))
CriterionCode = enum(shipped_codes("criteria"))
DomainCode = enum(shipped_codes("domains"))
PeriodCode = enum(Period.values)
StepCode = enum(StepTaken.values)
WitnessesCode = enum(Witnesses.values)


class PartnerReportIn(ReportIn):
    """The anonymous route's report, with every constraint the checks enforce stated in the schema
    (codes as enums, codes and dates as patterns, sizes), plus the person's consent to the partner."""

    role: RoleCode = Field(description="Qualité de la personne.")
    narrative: str = Field(min_length=10, max_length=settings.RECOURS_NARRATIVE_MAX_CHARS,
                           description="Le récit, en texte libre (10 caractères au moins).")
    postal_code: str | None = Field(None, pattern=POSTAL_CODE, description="Code postal du lieu (5 chiffres).")
    commune: str | None = Field(None, pattern=INSEE_CODE, description="Code INSEE de la commune, si le code postal en couvre plusieurs.")
    occurred_on: str | None = Field(None, pattern=ISO_DATE, description="Date des faits, AAAA-MM-JJ.")
    period: PeriodCode | None = Field(None, description="Sinon, la période des faits.")
    criteria: list[CriterionCode] = Field(default_factory=list, max_length=30, description="Codes des critères (vide : ne sait pas).")
    domain: DomainCode = Field(description="Code du domaine.")
    steps_taken: list[StepCode] = Field(default_factory=list, max_length=len(StepTaken.values), description="Démarches déjà faites.")
    witnesses: WitnessesCode | None = Field(None, description="D'autres personnes ont vu ou entendu.")
    share_with_partner: bool = Field(
        description="La personne accepte que la structure suive son dossier (état, messages à la structure, issue)."
    )
    contact_way: Literal["direct", "partner"] = Field(
        description="direct : la personne est contactée avec ses coordonnées ; partner : seulement par la structure."
    )


class PartnerReceiptOut(Schema):
    reference: str = Field(description="Référence du dossier, pour le suivre par cette API.")
    receipt: str = Field(description="Code de suivi de la personne, à lui remettre : il n'est jamais montré à nouveau.")


class PartnerReportOut(Schema):
    reference: str
    created_at: datetime
    shared: bool = Field(description="La personne a accepté que la structure suive son dossier.")


class PartnerMessageOut(Schema):
    body: str
    created_at: datetime


class PartnerCaseOut(PartnerReportOut):
    status_text: str | None = Field(None, description="L'état du dossier, si la personne a accepté de le partager.")
    outcome: str | None = Field(None, description="L'issue d'un dossier clos, si partagé.")
    messages: list[PartnerMessageOut] = Field(default_factory=list, description="Messages de l'équipe à la structure.")


def _refusal(request: HttpRequest, scope: str):
    """None when the key may use this route now; otherwise the answer (403 scope, 429 budget)."""
    credential = request.auth
    if scope not in credential.scopes:
        return Status(403, {"message": _("Cette clé n'a pas le droit d'utiliser cette route.")})
    rate = ratelimit.RateLimit("partner-api", settings.RECOURS_PARTNER_API_RATE_PER_KEY, 60)
    if not ratelimit.hit(rate, ratelimit.keyed(f"partner-key:{credential.pk}")):
        return Status(429, {"message": _("Trop de requêtes avec cette clé. Réessayez dans une minute.")})
    return None


@router.post("/reports", response={201: PartnerReceiptOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut, 429: ErrorOut, 503: ErrorOut},
             summary="Déposer un signalement avec une personne")
@decorate_view(admission_required)
def partner_report_create(request: HttpRequest, payload: PartnerReportIn):
    refusal = _refusal(request, ApiScope.REPORTS_WRITE)
    if refusal:
        return refusal
    if len(payload.narrative) > settings.RECOURS_NARRATIVE_MAX_CHARS:
        message = _("Le récit est trop long : %(max)d caractères au maximum.") % {"max": settings.RECOURS_NARRATIVE_MAX_CHARS}
        return Status(422, {"message": _("Le signalement n'a pas été enregistré."), "errors": {"narrative": message}})
    base = ReportIn(**payload.dict(exclude={"share_with_partner", "contact_way"}))
    try:
        report = report_clean(_form_data(base), form_classes=API_FORMS)
    except ReportInvalid as exc:
        errors = {_api_field(field): " ".join(messages) for field, messages in exc.errors.items()}
        return Status(422, {"message": _("Le signalement n'a pas été enregistré."), "errors": errors})
    credential = request.auth
    case, receipt = services.report_submit_api(
        report=report, partner=credential.partner, credential=credential,
        share_with_partner=payload.share_with_partner, contact_way=payload.contact_way,
    )
    return Status(201, {"reference": case.reference, "receipt": receipt_format(receipt)})


@router.get("/reports", response={200: list[PartnerReportOut], 401: ErrorOut, 403: ErrorOut, 429: ErrorOut, 503: ErrorOut},
            summary="Lister les signalements déposés par la structure")
def partner_report_list(request: HttpRequest):
    refusal = _refusal(request, ApiScope.REPORTS_READ)
    if refusal:
        return refusal
    reports = selectors.partner_reports(request.auth.partner)[:200]
    return Status(200, [
        {"reference": r.case.reference, "created_at": r.created_at, "shared": r.share_with_partner} for r in reports
    ])


@router.get("/reports/{reference}", response={200: PartnerCaseOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 429: ErrorOut, 503: ErrorOut},
            summary="Suivre un signalement déposé par la structure")
def partner_report_read(request: HttpRequest, reference: str):
    refusal = _refusal(request, ApiScope.REPORTS_READ)
    if refusal:
        return refusal
    report = selectors.partner_report_for(request.auth.partner, reference)
    if report is None:
        return Status(404, {"message": _("Aucun signalement de votre structure n'a cette référence.")})
    view = selectors.partner_case_view(report)
    return Status(200, {
        "reference": report.case.reference, "created_at": report.created_at, "shared": view.shared,
        "status_text": view.status or None, "outcome": view.outcome or None,
        "messages": [{"body": m.body, "created_at": m.created_at} for m in view.messages],
    })
