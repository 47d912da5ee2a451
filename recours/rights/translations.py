"""The rights pages in other languages (docs/languages.md).

A page is written and reviewed in French (the database, edited by coordinators, versioned). Its
version in another language is an entry of data/translations/<language>.json, by slug:

    {"pages": {"<slug>": {"version": 1, "title": ..., "summary": ..., "law": ..., ...,
                          "sources": ["<label>", ...]}}}

`version` is the French version it translates: when coordinators change the French page later,
the translation is still shown, with a notice that the French page is newer. A page without a
translation is shown in French (marked lang="fr") under a notice, in the reader's language, that
it is not translated yet. Taxonomy labels (the ground and the domain) come from
recours.taxonomy.translations.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils import translation

from recours.rights.selectors import search_key
from recours.taxonomy.translations import catalogue as taxonomy_catalogue
from recours.taxonomy.translations import plain as taxonomy_plain
from recours.taxonomy.translations import text as taxonomy_text

DATA_DIR = Path(__file__).parent / "data" / "translations"
TEXT_FIELDS = ("title", "summary", "law", "is_discrimination", "not_discrimination", "what_to_do", "deadlines", "evidence")
# The texts the search reads, as for the French page (services._index).
SEARCHED_FIELDS = ("title", "summary", "law", "is_discrimination", "what_to_do")


@lru_cache(maxsize=None)
def catalogue(language: str) -> dict:
    path = DATA_DIR / f"{language}.json"
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8")).get("pages", {})


@dataclass(frozen=True)
class SearchTexts:
    """A language's words for the search, normalised like RightsPage.search_text: by page slug,
    by plain ground code (its label) and by domain code (its label and plain label)."""

    pages: dict
    grounds: dict
    domains: dict


@lru_cache(maxsize=None)
def search_texts(language: str) -> SearchTexts:
    """Read once from the files (36 pages: a few milliseconds), then kept for the process."""
    taxonomy = taxonomy_catalogue(language)
    return SearchTexts(
        pages={slug: search_key(" ".join(str(entry.get(name) or "") for name in SEARCHED_FIELDS))
               for slug, entry in catalogue(language).items()},
        grounds={code: search_key(entry.get("label") or "") for code, entry in taxonomy.get("plain_grounds", {}).items()},
        domains={code: search_key(f"{entry.get('label') or ''} {entry.get('plain') or ''}")
                 for code, entry in taxonomy.get("domains", {}).items()},
    )


@dataclass
class LocalizedPage:
    """A rights page as a reader in `language` sees it (the French page's other fields as they are)."""

    page: object
    language: str
    translated: bool  # in the reader's language (always True in French)
    outdated: bool = False  # translated from an older French version
    texts: dict = field(default_factory=dict)
    source_labels: list = field(default_factory=list)

    def __getattr__(self, name):
        if name in TEXT_FIELDS:
            return self.texts.get(name) or getattr(self.page, name)
        return getattr(self.page, name)

    @property
    def content_language(self) -> str:
        """The language the texts are in: the reader's, or French when not translated."""
        return self.language if self.translated else settings.LANGUAGE_CODE

    @property
    def sources(self):
        labels = self.source_labels
        return [
            {**source, "label": labels[i] if i < len(labels) and labels[i] else source.get("label", "")}
            for i, source in enumerate(self.page.sources or [])
        ]

    @property
    def ground_label(self) -> str:
        return taxonomy_text(self.page.ground, "label", self.language)

    @property
    def domain_label(self) -> str:
        return taxonomy_plain(self.page.domain, self.language)


def localized(page, language: str | None = None) -> LocalizedPage:
    language = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if language == settings.LANGUAGE_CODE:
        return LocalizedPage(page=page, language=language, translated=True)
    entry = catalogue(language).get(page.slug) or {}
    texts = {name: entry[name] for name in TEXT_FIELDS if entry.get(name)}
    if any(getattr(page, name) and name not in texts for name in TEXT_FIELDS):  # partial: not a translation
        return LocalizedPage(page=page, language=language, translated=False)
    return LocalizedPage(
        page=page, language=language, translated=True, texts=texts, source_labels=list(entry.get("sources") or []),
        outdated=int(entry.get("version") or 0) < int(page.version or 0),
    )
