"""Languages of the public pages (docs/languages.md).

The language is the address's prefix and nothing else: `/` is French (settings.LANGUAGE_CODE),
`/en/...` English, `/ar/...` Arabic. No cookie, no Accept-Language, no session: a page's
address always gives the same language, so a shared link shows what its sender saw and no
trace of the language is left in the browser beyond its history. The language switcher on
every public page links to the same page under the other prefixes.

The "public scope" (what must be translated in every shipped language) is defined here too:
PUBLIC_SOURCES lists the source paths whose strings a person reading the public pages, their
mails or the chat may see; tests/i18n checks every msgid referenced from them is translated.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation

# Language codes whose script runs right to left.
RTL_LANGUAGES = {"ar", "fa", "he", "ur"}


def address_language(path: str) -> str:
    """The language an address asks for: its prefix, or the default language without one."""
    return translation.get_language_from_path(path) or settings.LANGUAGE_CODE


class AddressLocaleMiddleware:
    """Django's LocaleMiddleware, reduced to the address: the prefix alone chooses the language.

    Django's would also read the `django_language` cookie and Accept-Language on unprefixed
    addresses outside i18n_patterns (the console), and marks responses `Vary: Accept-Language`.
    Here an unprefixed address is French whatever the browser says, and the console, the API
    and the admin (never prefixed) are French.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = address_language(request.path_info)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str  # in the language itself ("English", "العربية")
    url: str
    current: bool
    rtl: bool


def language_links(request) -> list[LanguageLink]:
    """The current page in each language (same route, same query), for the switcher and hreflang.

    A page whose route is not public (the console, the partners' space) or that does not
    resolve gives the home page of each language, the current one included.
    """
    current = translation.get_language()
    cached = getattr(request, "_recours_language_links", None)
    if cached is not None and cached[0] == current:
        return cached[1]  # the switcher and the alternates ask for them on the same page
    full_path = request.get_full_path() if request is not None else "/"
    others = {code: translate_url(full_path, code) for code, _name in settings.LANGUAGES if code != current}
    public = any(url != full_path for url in others.values())
    links = []
    for code, name in settings.LANGUAGES:
        # Not a public route (the console, the partners' space, a page not found): each
        # language's home page, the current one too, so that no private address (a case's
        # reference) is written back into the page.
        url = (full_path if code == current else others[code]) if public else _home(code)
        links.append(LanguageLink(code=code, name=name, url=url, current=code == current, rtl=code in RTL_LANGUAGES))
    if request is not None:
        request._recours_language_links = (current, links)
    return links


def url_in_language(url: str, code: str) -> str:
    """A public address (absolute or not) in another language: /suivi/ -> /en/suivi/.

    The address is resolved in its own language (its prefix), whatever language is active.
    An address that is not a public route is returned as it is.
    """
    if not url:
        return url
    with translation.override(address_language(urlsplit(url).path)):
        return translate_url(url, code)


def _home(code: str) -> str:
    with translation.override(code):
        return reverse("theme:home")


def language_name(code: str, in_language: str | None = None) -> str:
    """A language's name in French by default ("anglais"), for the console ("Langue choisie : anglais")."""
    from django.utils.translation import gettext

    names = {"fr": translation.gettext_noop("français"), "en": translation.gettext_noop("anglais"),
             "ar": translation.gettext_noop("arabe")}
    with translation.override(in_language or settings.LANGUAGE_CODE):
        return gettext(names[code]) if code in names else code


def is_rtl(code: str | None = None) -> bool:
    return (code or translation.get_language() or "").split("-")[0] in RTL_LANGUAGES


def shipped_languages() -> list[str]:
    """The languages other than the default one, each with its catalogue in locale/."""
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def person_language(code: str | None) -> str:
    """A language code as recorded on a case or a chat: one of settings.LANGUAGES, else the default."""
    codes = {c for c, _n in settings.LANGUAGES}
    code = (code or "").split("-")[0]
    return code if code in codes else settings.LANGUAGE_CODE


# The public scope: source paths (relative to the repository, prefixes) whose strings a person
# may read on the public pages, in the mails sent to them and in the chat's visitor side.
# Staff screens (console, casework, partners' space, admin) are outside it: they stay French.
PUBLIC_SOURCES = (
    "recours/theme/templates/theme/",
    "recours/theme/templates/components/",
    "recours/theme/templatetags/",
    "recours/theme/views.py",
    "recours/theme/static/theme/recours.js",
    "recours/theme/static/theme/picker.js",
    "recours/theme/static/theme/exit-guard.js",
    "recours/core/templates/core/",
    "recours/core/views.py",
    "recours/core/i18n.py",  # the languages' names
    "recours/intake/",
    "recours/chat/templates/chat/visitor.html",
    "recours/chat/templates/chat/_entry.html",
    "recours/chat/static/chat/visitor.js",
    "recours/chat/display.py",
    "recours/chat/forms.py",
    "recours/chat/offer.py",
    "recours/chat/hours.py",
    "recours/chat/consumers.py",
    "recours/chat/services.py",  # the fixed messages the visitor reads (and a few adviser errors)
    "recours/rights/templates/rights/list.html",
    "recours/rights/templates/rights/detail.html",
    "recours/rights/templates/rights/facile/",
    "recours/rights/views.py",
    "recours/rights/forms.py",
    "recours/rights/templatetags/",
    "recours/observatory/presentation.py",
    "recours/observatory/templates/observatory/dashboard.html",
    "recours/observatory/templates/observatory/_dashboard_body.html",
    "recours/observatory/templates/observatory/_public_note.html",
    "recours/observatory/templates/observatory/_table.html",
    "recours/observatory/templates/observatory/report.html",
    "recours/directory/templates/directory/search.html",
    "recours/directory/forms.py",
    "recours/localplan/templates/localplan/public_index.html",
    "recours/localplan/templates/localplan/public_report.html",
    "recours/casework/person_mails.py",
)

# Inside the public scope, files that staff only read (a console page kept in a public app).
PUBLIC_EXCLUDED = (
    "recours/theme/templates/theme/gallery.html",  # the developers' component gallery
    "recours/intake/management/",
)


def is_public_source(path: str) -> bool:
    path = path.lstrip("./")
    return any(path.startswith(prefix) for prefix in PUBLIC_SOURCES) and not any(
        path.startswith(prefix) for prefix in PUBLIC_EXCLUDED
    )
