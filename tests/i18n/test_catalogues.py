"""The catalogues in locale/: complete for the public scope, and compiled from their current .po.

The compiled .mo files are committed (no gettext needed to run or build the image, docs/languages.md):
each must be what msgfmt makes of its .po today, or a translation fixed in the .po would never show.
"""

import gettext
from pathlib import Path

import pytest
from django.conf import settings

from recours.core import pofile
from recours.core.i18n import is_public_source, shipped_languages

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGUAGES = shipped_languages()


def test_every_language_but_the_default_has_its_catalogue():
    assert LANGUAGES == ["en", "ar"]
    for code in LANGUAGES:
        assert (LOCALE / code / "LC_MESSAGES" / "django.po").is_file(), code
        assert (LOCALE / code / "LC_MESSAGES" / "django.mo").is_file(), code


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_compiled_catalogue_is_up_to_date_with_its_po(code):
    folder = LOCALE / code / "LC_MESSAGES"
    with open(folder / "django.mo", "rb") as handle:
        compiled = dict(gettext.GNUTranslations(handle)._catalog)
    compiled.pop("", None)  # the header
    assert compiled == pofile.catalogue(folder / "django.po"), (
        f"locale/{code}/LC_MESSAGES/django.mo is stale: run `python manage.py compilemessages -l {code}`"
    )


def public_entries(code):
    return [
        entry for entry in pofile.parse(LOCALE / code / "LC_MESSAGES" / "django.po")
        if entry.msgid and any(is_public_source(path) for path in entry.files)
    ]


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_string_of_the_public_scope_is_translated(code):
    """Every msgid used by the public pages, the person's mails and the chat's visitor side
    (recours.core.i18n.PUBLIC_SOURCES) has a translation that is not empty and not fuzzy."""
    entries = public_entries(code)
    assert len(entries) > 600  # the scope is read: the public pages are all there
    missing = [entry.msgid for entry in entries if not entry.translated]
    assert not missing, f"{len(missing)} public strings untranslated in {code}, e.g. {missing[:5]}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_placeholders_are_kept_by_every_translation(code):
    """A translation that loses %(name)s or {count} would fail or mislead at run time."""
    import re

    pattern = re.compile(r"%\(\w+\)[sd]|\{\w+\}")
    wrong = []
    for entry in public_entries(code):
        if not entry.translated:
            continue
        wanted = sorted(pattern.findall(entry.msgid_plural or entry.msgid))
        for text in entry.msgstr.values():
            got = sorted(pattern.findall(text))
            # A singular form may leave the number out ("one result"), never add one.
            if got != wanted and not set(got) < set(wanted):
                wrong.append((entry.msgid, text))
    assert not wrong, wrong[:5]


def test_the_public_scope_covers_the_public_pages_and_leaves_the_console_out():
    assert is_public_source("recours/intake/templates/intake/start.html")
    assert is_public_source("recours/casework/person_mails.py")
    assert is_public_source("recours/chat/templates/chat/visitor.html")
    assert not is_public_source("recours/chat/templates/chat/console_conversation.html")
    assert not is_public_source("recours/casework/templates/casework/case.html")
    assert not is_public_source("recours/console/templates/console/base.html")
    assert not is_public_source("recours/theme/templates/theme/gallery.html")
