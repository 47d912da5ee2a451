"""The public labels of the taxonomies in other languages (docs/languages.md).

French labels live in the database (loaded from data/taxonomy.json, edited in the admin). Their
versions in another language are files in the repository, data/translations/<language>.json,
by list and code: {"domains": {"logement": {"label": ..., "plain": ..., "hint": ...}}}. They are
reviewed like code, need no migration, and a missing or empty text shows the French one.

`text(entry, field)` gives an entry's field in the active language: public pages use it for the
labels they show (report form, chat, rights pages, directory search, observatory); the console
keeps the French ones.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils import translation

DATA_DIR = Path(__file__).parent / "data" / "translations"

# Model -> (list name in the files, field name -> key in the files).
LISTS = {
    "Criterion": ("criteria", {"label": "label"}),
    "PlainGround": ("plain_grounds", {"label": "label", "hint": "hint"}),
    "Domain": ("domains", {"label": "label", "plain_label": "plain", "hint": "hint"}),
    "ReporterRole": ("roles", {"label": "label", "plain_label": "plain", "hint": "hint"}),
    "RelatedSituation": ("related_situations", {"label": "label"}),
}


@lru_cache(maxsize=None)
def catalogue(language: str) -> dict:
    path = DATA_DIR / f"{language}.json"
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def text(entry, field: str = "label", language: str | None = None) -> str:
    """An entry's field (label, plain_label, hint) in the language, else in French."""
    french = getattr(entry, field, "") or ""
    language = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if entry is None or language == settings.LANGUAGE_CODE:
        return french
    spec = LISTS.get(type(entry).__name__)
    if spec is None:
        return french
    list_name, keys = spec
    if field not in keys or not french:
        return french
    translated = catalogue(language).get(list_name, {}).get(entry.code, {}).get(keys[field], "")
    return translated or french


def plain(entry, language: str | None = None) -> str:
    """The plain label of a domain or role (its legal label when it has none), in the language."""
    return text(entry, "plain_label", language) or text(entry, "label", language)
