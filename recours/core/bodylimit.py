"""The size of a request body: refused with 413 before it is read.

RECOURS_REQUEST_MAX_BYTES is the one limit, applied at three places that share
this file's answer:

- `BodyLimitASGIMiddleware` wraps the ASGI application (recours/asgi.py): a
  Content-Length over the limit is answered at once, without reading a byte, and a
  body sent without one (chunked) is cut as soon as it passes the limit. Django's
  ASGI handler would otherwise read the whole body (to disk) before any middleware.
- `BodyLimitMiddleware` does the Content-Length check in Django's stack, for any
  other server (and the test client).
- `core.views.bad_request` answers Django's own RequestDataTooBig (form fields over
  DATA_UPLOAD_MAX_MEMORY_SIZE) with the same 413.

The reverse proxy in front must refuse the same size (nginx: client_max_body_size),
so that a large body never reaches the application at all (docs/architecture.md).
"""

import json

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.html import escape
from django.utils.translation import gettext as _

API_PREFIX = "/api/"


def too_large_message() -> str:
    return _(
        "La requête est trop volumineuse : elle ne peut pas dépasser %(limit)s. "
        "Si vous joigniez un document, choisissez-en un plus léger (%(file_limit)s au maximum)."
    ) % {
        "limit": filesizeformat(settings.RECOURS_REQUEST_MAX_BYTES),
        "file_limit": filesizeformat(settings.RECOURS_ATTACHMENT_MAX_BYTES),
    }


def too_large_response(request):
    """The 413 of a Django request: JSON for the API, a page otherwise."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"message": too_large_message(), "errors": {}}, status=413)
    return render(
        request, "core/too_large.html", {"title": _("Envoi trop volumineux"), "message": too_large_message()}, status=413
    )


def _announced_length(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class BodyLimitMiddleware:
    """413 for a request whose Content-Length is over the limit, before anything reads its body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = _announced_length(request.META.get("CONTENT_LENGTH"))
        if length is not None and length > settings.RECOURS_REQUEST_MAX_BYTES:
            return too_large_response(request)
        return self.get_response(request)


class BodyLimitASGIMiddleware:
    """The same limit at the ASGI level, before Django reads the body; chunked bodies are cut."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = settings.RECOURS_REQUEST_MAX_BYTES
        headers = dict(scope.get("headers") or [])
        length = _announced_length(headers.get(b"content-length"))
        if length is not None and length > limit:
            await _send_too_large(scope, send)
            return
        received = 0
        refused = False
        started = False

        async def limited_receive():
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    refused = True
                    if not started:
                        await _send_too_large(scope, send)
                    # Django's handler stops reading (RequestAborted) and answers nothing.
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message):
            nonlocal started
            if refused:
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        await self.app(scope, limited_receive, guarded_send)


async def _send_too_large(scope, send) -> None:
    """A short answer built without Django's request cycle (no template, no database)."""
    message = too_large_message()
    if scope.get("path", "").startswith(API_PREFIX):
        body = json.dumps({"message": message, "errors": {}}).encode()
        content_type = b"application/json"
    else:
        title = escape(_("Envoi trop volumineux"))
        home = escape(_("Revenir à l'accueil"))
        body = (
            f'<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title></head>'
            f'<body><h1>{title}</h1><p>{escape(message)}</p><p><a href="/">{home}</a></p>'
            f"</body></html>"
        ).encode()
        content_type = b"text/html; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", content_type),
                (b"content-length", str(len(body)).encode()),
                (b"cache-control", b"no-store"),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
