"""Checking files people give: PDF and images only, by content, size limited."""

import re

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

ALLOWED_TYPES = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
}


def too_large_message(name: str) -> str:
    return _("Le fichier « %(name)s » est trop lourd : %(limit)s au maximum.") % {
        "name": name,
        "limit": filesizeformat(settings.RECOURS_ATTACHMENT_MAX_BYTES),
    }


def quota_message(name: str, limit: int) -> str:
    return _(
        "Le fichier « %(name)s » n'a pas été ajouté : les documents joints à un signalement "
        "ne peuvent pas dépasser %(limit)s en tout."
    ) % {"name": name, "limit": filesizeformat(limit)}


def attachment_quota_check(*, name: str, size: int, stored: int, limit: int) -> None:
    """Refuse a file that would take the bytes already stored (a case's, a draft's) past the limit."""
    if stored + size > limit:
        raise ValidationError(quota_message(name, limit))


def attachment_check(*, name: str, data: bytes) -> str:
    """The content type of an acceptable file; ValidationError (in French) otherwise."""
    if not data:
        raise ValidationError(_("Le fichier « %(name)s » est vide.") % {"name": name})
    if len(data) > settings.RECOURS_ATTACHMENT_MAX_BYTES:
        raise ValidationError(too_large_message(name))
    kind = filetype.guess(data[:8192])
    if kind is None or kind.mime not in ALLOWED_TYPES:
        raise ValidationError(
            _("Le fichier « %(name)s » n'est ni un PDF ni une image (JPEG, PNG ou WebP).") % {"name": name}
        )
    return kind.mime


def safe_filename(name: str, content_type: str) -> str:
    """A display name with no path and an extension that matches the content."""
    base = _CONTROL.sub("", (name or "").replace("\\", "/").rsplit("/", 1)[-1]).strip()[:120] or "document"
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return f"{stem}.{ALLOWED_TYPES[content_type]}"


def attachment_response(attachment) -> HttpResponse:
    """The download of a stored file (console and follow-up): never shown inline, never cached.

    The name goes through Django's RFC 6266 / 5987 encoding: quotes escaped, anything beyond
    ASCII as filename*=utf-8''..., so a name cannot break out of the header.
    """
    response = HttpResponse(attachment.data, content_type=attachment.content_type)
    response["Content-Disposition"] = content_disposition_header(True, attachment.filename)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
