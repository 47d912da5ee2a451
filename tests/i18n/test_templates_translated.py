"""No public template shows text outside the translation tags (a heuristic on the sources).

Every public template (recours.core.i18n.PUBLIC_SOURCES) is read with its comments, Django
tags, variables and translated blocks taken out; what remains between the HTML tags, and in
the attributes a person reads or hears (alt, title, aria-label, placeholder, value of buttons,
data-text-*), must hold no words: only punctuation, numbers, symbols and a few names that are
the same in every language.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings

from recours.core.i18n import is_public_source

ROOT = Path(settings.BASE_DIR)
TEMPLATES = sorted(
    path for path in (ROOT / "recours").rglob("*.html")
    if "/templates/" in str(path) and is_public_source(str(path.relative_to(ROOT)))
)

# Words that read the same in every language (formats, acronyms, proper names).
SAME_IN_EVERY_LANGUAGE = {"CSV", "Parquet", "PDF", "JSON", "RGAA", "LSF", "LfPC", "FALC", "SMS", "CNIL", "recours", "Français", "English"}

REMOVED = [
    re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.S),
    re.compile(r"{#.*?#}", re.S),
    re.compile(r"{%\s*blocktrans(?:late)?\b.*?{%\s*endblocktrans(?:late)?\s*%}", re.S),
    # Blocks that hold class names or attributes, not text: {% block main_class %}main--home{% endblock %}
    re.compile(r"{%\s*block\s+\w+_(?:class|attrs)\s*%}.*?{%\s*endblock\s*%}", re.S),
    # Addresses shown as they are (cnil.fr/fr/plaintes).
    re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.(?:fr|org|com|eu)(?:/[\w/.-]*)?"),
    re.compile(r"{%.*?%}", re.S),
    re.compile(r"{{.*?}}", re.S),
    re.compile(r"<script\b.*?</script>", re.S),
    re.compile(r"<style\b.*?</style>", re.S),
]
READ_ATTRIBUTES = re.compile(r"""\b(alt|title|aria-label|placeholder|data-text-[\w-]+)\s*=\s*("[^"]*"|'[^']*')""")
TAG = re.compile(r"<[^>]*>", re.S)
WORD = re.compile(r"[^\W\d_]{2,}")


def untranslated_words(source: str) -> list[str]:
    for pattern in REMOVED:
        source = pattern.sub(" ", source)
    found = []
    for _name, value in READ_ATTRIBUTES.findall(source):
        found += WORD.findall(value)
    text = TAG.sub(" ", source)
    found += WORD.findall(text.replace("&nbsp;", " ").replace("&amp;", " "))
    return [word for word in found if word not in SAME_IN_EVERY_LANGUAGE]


def test_the_public_templates_are_found():
    names = {path.name for path in TEMPLATES}
    assert {"home.html", "start.html", "visitor.html", "search.html", "detail.html", "footer.html"} <= names


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_text_outside_translation_tags(path):
    assert untranslated_words(path.read_text(encoding="utf-8")) == []


def test_the_check_finds_french_left_in_a_template():
    assert untranslated_words("<p>Bonjour {{ name }}</p>") == ["Bonjour"]
    assert untranslated_words('<img alt="Logo du service" src="x">') == ["Logo", "du", "service"]
    assert untranslated_words('<p>{% translate "Bonjour" %} – {{ x }}</p><button title="{% translate "Ok" %}">') == []
