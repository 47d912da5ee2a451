"""The public JSON API, version 1 (schema at /api/v1/openapi.json).

Handlers translate HTTP into service calls and back. Reports are checked by
the same forms as the web form, so the rules and the French messages are the
same whatever the way in.
"""

import json

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser

from recours.api import directory, followup, geo, partner, reports
from recours.core.bodylimit import too_large_message
from recours.core.text import first_invalid_text, invalid_text_message


class BodyRefused(Exception):
    """A JSON body refused before validation: its status, message and errors by field."""

    def __init__(self, status: int, message: str, errors: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.message, self.errors = status, message, errors or {}


class JsonBodyParser(Parser):
    """Bodies are JSON, announced as such, with text that can be stored.

    `application/json` only: a page of another site can post `text/plain` or a form
    from a visitor's browser without asking it first (no CORS preflight), never JSON.
    """

    def parse_body(self, request: HttpRequest):
        if request.content_type != "application/json":
            raise BodyRefused(415, _("Envoyez le corps de la requête en JSON (Content-Type: application/json)."))
        data = json.loads(request.body)
        field = first_invalid_text(data)
        if field is not None:
            raise BodyRefused(400, _("La requête contient des erreurs."), {field: invalid_text_message()})
        return data


api = NinjaAPI(
    title="recours",
    version="1",
    description="API publique de recours : signaler une discrimination, suivre un signalement.",
    urls_namespace="api",
    docs_url=None,  # the interactive docs load third-party assets; the schema is enough
    parser=JsonBodyParser(),
)

PYDANTIC_MESSAGES = {
    "missing": "Ce champ est obligatoire.",
    "json_invalid": "Le corps de la requête n'est pas un JSON valide.",
    "string_type": "Une chaîne de caractères est attendue.",
    "bool_type": "Un booléen (true ou false) est attendu.",
    "bool_parsing": "Un booléen (true ou false) est attendu.",
    "list_type": "Une liste est attendue.",
    "model_type": "Un objet JSON est attendu.",
    "dict_type": "Un objet JSON est attendu.",
    "model_attributes_type": "Un objet JSON est attendu.",
    "extra_forbidden": "Ce champ n'est pas reconnu.",
    "string_too_long": "Ce texte est trop long.",
}


@api.exception_handler(NinjaValidationError)
def french_validation_errors(request: HttpRequest, exc: NinjaValidationError):
    """Pydantic's checks (types, missing fields, bad JSON) with one French message per field."""
    errors: dict[str, str] = {}
    status = 422
    for error in exc.errors:
        loc = [str(part) for part in error.get("loc", ()) if part not in ("body", "payload", "query", "header")]
        field = ".".join(loc) or "body"
        if error.get("type") == "json_invalid":
            status, field = 400, "body"
        errors.setdefault(field, _(PYDANTIC_MESSAGES.get(error.get("type", ""), "Valeur invalide.")))
    return api.create_response(
        request, {"message": _("La requête contient des erreurs."), "errors": errors}, status=status
    )


@api.exception_handler(HttpError)
def french_http_errors(request: HttpRequest, exc: HttpError):
    """Ninja's own HTTP errors; the only 400 it raises is a body it could not parse.

    Ninja wraps whatever the parser raised in that 400: a BodyRefused keeps its own answer.
    """
    refused = exc.__cause__
    if isinstance(refused, BodyRefused):
        return api.create_response(request, {"message": refused.message, "errors": refused.errors}, status=refused.status)
    if exc.status_code == 400:
        message = _("Le corps de la requête n'est pas un JSON valide.")
        return api.create_response(request, {"message": message, "errors": {"body": message}}, status=400)
    return api.create_response(request, {"message": str(exc), "errors": {}}, status=exc.status_code)


@api.exception_handler(RequestDataTooBig)
def too_large(request: HttpRequest, exc: RequestDataTooBig):
    """A body over DATA_UPLOAD_MAX_MEMORY_SIZE (core/bodylimit.py refuses larger ones before)."""
    return api.create_response(request, {"message": too_large_message(), "errors": {}}, status=413)


api.add_router("/reports", reports.router)
api.add_router("/followup", followup.router)
api.add_router("/geo", geo.router)
api.add_router("/directory", directory.router)
api.add_router("/partner", partner.router)
