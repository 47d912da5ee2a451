"""Checking files people give: PDF and images only, by content, size limited."""

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

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
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()[:120] or "document"
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return f"{stem}.{ALLOWED_TYPES[content_type]}"
