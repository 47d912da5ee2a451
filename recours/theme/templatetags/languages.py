"""The language switcher and the page's alternates (recours.core.i18n, docs/languages.md)."""

from django import template
from django.conf import settings

from recours.core.i18n import is_rtl, language_links, language_name

register = template.Library()


@register.simple_tag(takes_context=True)
def page_languages(context):
    """The current page in every language: [LanguageLink(code, name, url, current, rtl)]."""
    return language_links(context.get("request"))


@register.simple_tag
def text_direction(code=None) -> str:
    """"rtl" or "ltr" for a language (the current one by default)."""
    return "rtl" if is_rtl(code) else "ltr"


@register.filter
def language_label(code) -> str:
    """A recorded language's name in the page's language: "anglais" on the (French) console."""
    from django.utils.translation import get_language

    return language_name(code or "fr", in_language=get_language())


@register.filter
def other_language_label(code) -> str:
    """Like language_label, but empty for the default language: where only the others are marked
    (the chat queue: "anglais" beside a chat started on an English page, nothing for French)."""
    return "" if not code or code == settings.LANGUAGE_CODE else language_label(code)
