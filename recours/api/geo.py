from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from recours.api.schemas import CommuneOut, ErrorOut
from recours.geo.selectors import communes_for_postal_code, postal_code_is_valid

router = Router(tags=["géographie"])


@router.get("/communes", response={200: list[CommuneOut], 400: ErrorOut}, summary="Communes d'un code postal")
def communes(request: HttpRequest, postal_code: str):
    if not postal_code_is_valid(postal_code):
        message = _("Le code postal doit compter 5 chiffres.")
        return Status(400, {"message": message, "errors": {"postal_code": message}})
    communes = communes_for_postal_code(postal_code)
    return Status(200, [{"insee_code": c.insee_code, "name": c.name, "departement": c.departement_id} for c in communes])
