"""Reads of the rights pages: the public list and search, one page, who may edit them."""

from __future__ import annotations

import unicodedata

from django.conf import settings
from django.db.models import Q, QuerySet

from recours.accounts.selectors import manages_national_team
from recours.rights.models import RightsPage


def search_key(text: str) -> str:
    """Lower case without accents or punctuation: "Refusé à l'embauche" -> "refuse a l embauche"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(letters.split())


def rights_pages_public() -> QuerySet[RightsPage]:
    return RightsPage.objects.filter(published=True).select_related("ground", "domain")


def rights_search(*, query: str = "", ground: str = "", domain: str = "", language: str = "") -> QuerySet[RightsPage]:
    """Published pages matching every word of `query` (any order, accents ignored), a ground, a domain.

    A word matches the French page, or its translation into `language` (the reader's) with the
    translated labels of its ground and domain (docs/languages.md)."""
    pages = rights_pages_public()
    if ground:
        pages = pages.filter(ground_id=ground)
    if domain:
        pages = pages.filter(domain_id=domain)
    translated = None
    if language and language.split("-")[0] != settings.LANGUAGE_CODE:
        from recours.rights.translations import search_texts  # it imports search_key from here

        translated = search_texts(language.split("-")[0])
    for word in search_key(query).split()[:10]:
        match = Q(search_text__contains=word)
        if translated is not None:
            match |= (
                Q(slug__in=[slug for slug, text in translated.pages.items() if word in text])
                | Q(ground_id__in=[code for code, text in translated.grounds.items() if word in text])
                | Q(domain_id__in=[code for code, text in translated.domains.items() if word in text])
            )
        pages = pages.filter(match)
    return pages


def rights_page_public(slug: str) -> RightsPage | None:
    return rights_pages_public().filter(slug=slug).first()


def rights_related(page: RightsPage, *, limit: int = 4) -> list[RightsPage]:
    """Other published pages on the same ground or in the same domain, same ground first."""
    same_ground = list(rights_pages_public().filter(ground_id=page.ground_id).exclude(pk=page.pk)[:limit])
    if len(same_ground) >= limit:
        return same_ground
    others = rights_pages_public().filter(domain_id=page.domain_id).exclude(pk=page.pk).exclude(ground_id=page.ground_id)
    return same_ground + list(others[: limit - len(same_ground)])


def rights_editor(user) -> bool:
    """Whether the user may edit the rights pages: the coordinators and administrators of the
    national team (the pages are the same for every team; managing a local team gives no right)."""
    return manages_national_team(user)
