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
from recours.core.sessions import session_read_only
from recours.theme import gallery as gallery_fixtures
from recours.theme.colours import instance_palette
from recours.theme.loaders import available_themes, current_theme, theme_override

NOTICES = {
    # kind: (title, instance field, default text template)
    "legal": (lambda: _("Mentions légales"), "legal_notice", "theme/notices/legal_default.html"),
    "privacy": (lambda: _("Données personnelles"), "privacy_notice", "theme/notices/privacy_default.html"),
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
def accessibility(request):
    """The accessibility statement, written from the instance's audit state (the settings'
    accessibility fields), then the operator's complementary text if any."""
    instance = instance_get()
    return render(request, "theme/accessibility.html", {
        "title": _("Déclaration d'accessibilité"), "text": instance.accessibility_notice,
        "non_conformities": instance.non_conformities(), "exemptions": instance.accessibility_exemption_list(),
    })


@require_safe
def safe_browsing(request):
    """How to browse privately and clear the history, in plain words (linked from the quick exit)."""
    return render(request, "theme/safe_browsing.html", {"title": _("Effacer mes traces sur cet appareil")})


@require_safe
@session_read_only  # a stylesheet loaded beside each page: it never writes the session
def instance_css(request):
    """The instance's colours as CSS custom properties (re-checked: a bad value falls back to the default)."""
    return palette_css_response(instance_get())


def palette_css_response(branded) -> HttpResponse:
    """The colours of `branded` (the instance, or a team's local entry: colour_primary and
    colour_accent) as CSS custom properties, re-checked (a bad value falls back to the default)."""
    body = ":root {\n" + "".join(f"  --{name}: {value};\n" for name, value in instance_palette(branded).items()) + "}\n"
    response = HttpResponse(body, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = f"public, max-age={ASSET_MAX_AGE}"
    return response


@require_safe
def logo(request):
    """The instance's logo, with the type read from its content (never from its name)."""
    return logo_response(instance_get().logo)


def logo_response(logo) -> HttpResponse:
    """A logo file (the instance's, or a local entry's), with the type read from its content."""
    if not logo:
        raise Http404
    try:
        with logo.open("rb") as handle:
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
    """Every component in each state; for development and staff only.

    In development (DEBUG), ?theme=<name> shows the components in another theme than the
    instance's (the switch at the top of the page); in production the page shows the
    instance's theme only, so the DSFR's identity never shows on an instance not entitled to it.
    """
    if not (settings.DEBUG or (request.user.is_authenticated and request.user.is_staff)):
        raise Http404
    context = gallery_fixtures.context()
    themes = available_themes()
    theme = current_theme()
    if settings.DEBUG:
        asked = request.GET.get("theme")
        theme = asked if asked in themes else theme
        context["theme_switch"] = [{"name": name, "current": name == theme} for name in themes]
    context["theme"] = theme
    with theme_override(theme):
        response = render(request, "theme/gallery.html", context)
    return response
