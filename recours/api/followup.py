from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Header, Router, Status
from ninja.decorators import decorate_view

from recours.api.schemas import ErrorOut, FollowupOut, MessageCreatedOut, MessageIn
from recours.casework.selectors import case_for_receipt, case_person_status, case_thread
from recours.casework.services import message_add_by_person
from recours.core import ratelimit
from recours.core.admission import admission_required
from recours.intake.services import too_many_messages_message

router = Router(tags=["suivi"])

def _case_or_error(request: HttpRequest, receipt: str):
    """The case of the receipt. Every call carries the receipt: only a wrong one counts against
    the client's budget of attempts (a person reading their follow-up again and again is not
    guessing); past that budget, every receipt is refused, right or wrong."""
    if ratelimit.receipt_attempts_exhausted(request):
        return None, Status(429, {"message": _("Trop d'essais. Réessayez dans quelques minutes.")})
    case = case_for_receipt(receipt)
    if case is None:
        ratelimit.receipt_failure_count(request)
        return None, Status(404, {"message": _("Ce code ne permet pas d'ouvrir un suivi.")})
    return case, None


@router.get("", response={200: FollowupOut, 404: ErrorOut, 429: ErrorOut, 503: ErrorOut}, summary="Lire le suivi")
@decorate_view(admission_required)  # a receipt check: past capacity, a fast 503
def followup_read(request: HttpRequest, x_receipt: str = Header(..., alias="X-Receipt")):
    case, error = _case_or_error(request, x_receipt)
    if error:
        return error
    return Status(
        200,
        {
            "status": case.status,
            "status_text": case_person_status(case),
            "created_at": case.created_at,
            "messages": [
                {"id": m.id, "author": m.author, "body": m.body, "created_at": m.created_at}
                for m in case_thread(case)
            ],
        },
    )


@router.post(
    "/messages",
    response={201: MessageCreatedOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut, 503: ErrorOut},
    summary="Écrire un message",
)
@decorate_view(admission_required)  # a receipt check: past capacity, a fast 503
def followup_message(request: HttpRequest, payload: MessageIn, x_receipt: str = Header(..., alias="X-Receipt")):
    case, error = _case_or_error(request, x_receipt)
    if error:
        return error
    if not ratelimit.followup_message_allowed(request, case_id=case.pk):
        return Status(429, {"message": too_many_messages_message(), "errors": {}})
    try:
        message = message_add_by_person(case=case, body=payload.body)
    except ValidationError as exc:
        errors = {field: " ".join(messages) for field, messages in exc.message_dict.items()}
        return Status(422, {"message": _("Le message n'a pas été enregistré."), "errors": errors})
    return Status(201, {"id": message.id})
