from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from recours.api.codes import POSTAL_CODE, stated
from recours.api.schemas import CommuneOut, ErrorOut
from recours.geo.selectors import communes_for_postal_code, postal_code_is_valid

router = Router(tags=["géographie"])


class CommunesQuery(Schema):
    postal_code: str = Field(json_schema_extra=stated(pattern=POSTAL_CODE), description="Code postal (5 chiffres).")


@router.get("/communes", response={200: list[CommuneOut], 400: ErrorOut, 503: ErrorOut}, summary="Communes d'un code postal")
def communes(request: HttpRequest, query: Query[CommunesQuery]):
    postal_code = query.postal_code
    if not postal_code_is_valid(postal_code):
        message = _("Le code postal doit compter 5 chiffres.")
        return Status(400, {"message": message, "errors": {"postal_code": message}})
    communes = communes_for_postal_code(postal_code)
    return Status(200, [{"insee_code": c.insee_code, "name": c.name, "departement": c.departement_id} for c in communes])
