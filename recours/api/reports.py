from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.decorators import decorate_view

from recours.api.schemas import ErrorOut, ReceiptOut, ReportIn
from recours.casework.models import Channel
from recours.casework.services import case_create_from_report
from recours.core import ratelimit
from recours.core.admission import admission_required
from recours.core.receipts import receipt_format
from recours.geo.selectors import COMMUNE_UNKNOWN
from recours.intake.forms import ContactForm, WhereForm
from recours.intake.services import ReportInvalid, report_clean
from recours.intake.steps import API_FORMS

router = Router(tags=["signalements"])


def _form_data(payload: ReportIn) -> dict:
    """The API's JSON as the steps' forms read it."""
    data = payload.dict(exclude={"contact", "online"})
    data = {k: v for k, v in data.items() if v is not None}
    data["place"] = WhereForm.ONLINE if payload.online else WhereForm.PLACE
    # No commune given is the API's « Je ne sais pas »: a code with several communes is then
    # recorded with its département, never with one of them (geo.selectors.place_resolve).
    data.setdefault("commune", COMMUNE_UNKNOWN)
    contact = payload.contact
    if contact and (contact.email or contact.phone):
        data.update(contact.dict(exclude_none=True))
        data["contact_wanted"] = ContactForm.YES
        data["notify_by_email"] = "on" if contact.notify_by_email else ""
    else:
        data["contact_wanted"] = ContactForm.NO
    data["consent"] = "on" if payload.consent else ""
    return data


@router.post("", response={201: ReceiptOut, 422: ErrorOut, 429: ErrorOut, 503: ErrorOut}, summary="Envoyer un signalement")
@decorate_view(admission_required)  # past capacity, a fast 503 (core/admission.py)
def report_create(request: HttpRequest, payload: ReportIn):
    if not ratelimit.api_report_allowed(request):
        return Status(429, {"message": _("Trop de signalements envoyés depuis cette adresse. Réessayez plus tard.")})
    if len(payload.narrative) > settings.RECOURS_NARRATIVE_MAX_CHARS:
        message = _("Le récit est trop long : %(max)d caractères au maximum.") % {
            "max": settings.RECOURS_NARRATIVE_MAX_CHARS
        }
        return Status(422, {"message": _("Le signalement n'a pas été enregistré."), "errors": {"narrative": message}})
    try:
        report = report_clean(_form_data(payload), form_classes=API_FORMS)
    except ReportInvalid as exc:
        errors = {_api_field(field): " ".join(messages) for field, messages in exc.errors.items()}
        return Status(422, {"message": _("Le signalement n'a pas été enregistré."), "errors": errors})
    _case, receipt = case_create_from_report(report=report, channel=Channel.API)
    return Status(201, {"receipt": receipt_format(receipt)})


def _api_field(form_field: str) -> str:
    if form_field in ("email", "phone", "name", "best_time", "notify_by_email"):
        return f"contact.{form_field}"
    return {"place": "online", "__all__": "body"}.get(form_field, form_field)
