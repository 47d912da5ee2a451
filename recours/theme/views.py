"""Public pages of the theme (home, legal pages), the instance's stylesheet and logo, the gallery.

The home page and the legal pages touch neither the session nor the CSRF token:
they set no cookie.
"""

import filetype
from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from recours.core.instance import instance_get
from recours.theme import gallery as gallery_fixtures
from recours.theme.colours import instance_palette

NOTICES = {
    # kind: (title, instance field, default text template)
    "legal": (lambda: _("Mentions légales"), "legal_notice", "theme/notices/legal_default.html"),
    "privacy": (lambda: _("Données personnelles"), "privacy_notice", "theme/notices/privacy_default.html"),
    "accessibility": (
        lambda: _("Déclaration d'accessibilité"),
        "accessibility_notice",
        "theme/notices/accessibility_default.html",
    ),
}

LOGO_TYPES = {"image/png", "image/jpeg", "image/webp"}
ASSET_MAX_AGE = 5 * 60


@require_safe
def home(request):
    return render(request, "theme/home.html")


@require_safe
def notice(request, kind: str):
    title, field, default_template = NOTICES[kind]
    text = getattr(instance_get(), field)
    return render(request, "theme/notice.html", {"title": title(), "text": text, "default_template": default_template})


@require_safe
def instance_css(request):
    """The instance's colours as CSS custom properties (re-checked: a bad value falls back to the default)."""
    body = ":root {\n" + "".join(f"  --{name}: {value};\n" for name, value in instance_palette(instance_get()).items()) + "}\n"
    response = HttpResponse(body, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = f"public, max-age={ASSET_MAX_AGE}"
    return response


@require_safe
def logo(request):
    """The instance's logo, with the type read from its content (never from its name)."""
    instance = instance_get()
    if not instance.logo:
        raise Http404
    try:
        with instance.logo.open("rb") as handle:
            content = handle.read()
    except (FileNotFoundError, OSError):
        raise Http404 from None
    kind = filetype.guess(content)
    if kind is None or kind.mime not in LOGO_TYPES:
        raise Http404
    response = HttpResponse(content, content_type=kind.mime)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = f"public, max-age={ASSET_MAX_AGE}"
    return response


@require_safe
def gallery(request):
    """Every component in each state; for development and staff only."""
    if not (settings.DEBUG or (request.user.is_authenticated and request.user.is_staff)):
        raise Http404
    return render(request, "theme/gallery.html", gallery_fixtures.context())
