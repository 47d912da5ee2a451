"""The public pages in Arabic (/ar/...): the Arabic catalogue is used, right to left, and its
translations keep every placeholder and every piece of markup of the French text."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from recours.core import pofile
from recours.core.i18n import is_public_source

# (address, Arabic text the page shows, its French original that must no longer show)
PAGES = [
    ("/ar/", "ما يمكنك إبلاغنا به", "Ce que vous pouvez nous signaler"),
    ("/ar/formulaire/", "قبل البدء", "Avant de commencer"),
    ("/ar/suivi/", "فتح صفحة المتابعة", "Ouvrir mon suivi"),
    ("/ar/mentions-legales/", "ناشر الخدمة", "Éditeur du service"),
    ("/ar/donnees-personnelles/", "من المسؤول عن بياناتك؟", "Qui est responsable de vos données ?"),
    ("/ar/accessibilite/", "حالة المطابقة", "État de conformité"),
    ("/ar/effacer-mes-traces/", "الأبسط: التصفح الخاص", "Le plus simple : la navigation privée"),
    ("/ar/facile/accueil/", "ما هو التمييز؟", "Une discrimination, c'est quoi ?"),
    ("/ar/aide/", "العثور على مساعدة قرب مكان سكني", "Trouver de l'aide près de chez moi"),
]


@pytest.mark.parametrize(("url", "arabic", "french"), PAGES)
def test_a_public_page_under_ar_is_written_in_arabic_right_to_left(client, db, url, arabic, french):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert arabic in html
    assert french not in html
    # The quick exit, on every public page, is in Arabic too.
    assert "الخروج السريع" in html


def test_the_report_form_steps_are_in_arabic(client, db):
    response = client.post("/ar/formulaire/", {"action": "start"}, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0].startswith("/ar/")
    assert "الخطوة 1 من" in html
    assert "Étape 1 sur" not in html


PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%\([a-z_]+\)\.\d+f|%%|\{[a-z_]+\}")
TAG = re.compile(r"</?[a-z]+[^>]*>")


def _arabic_entries():
    return [e for e in pofile.parse(Path(settings.BASE_DIR) / "locale/ar/LC_MESSAGES/django.po") if e.msgid and e.translated]


def test_the_arabic_catalogue_translates_the_public_scope():
    translated = [e for e in _arabic_entries() if any(is_public_source(f) for f in e.files)]
    assert len(translated) > 600


def test_every_arabic_translation_keeps_the_placeholders_and_the_markup_of_the_french():
    problems = []
    for entry in _arabic_entries():
        if entry.msgid_plural is None:
            source, targets = entry.msgid, [entry.msgstr[0]]
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(targets[0])):
                problems.append(entry.msgid)
        else:
            # Arabic has six plural forms; the zero, one and two forms may say the number in words.
            source, targets = entry.msgid_plural, list(entry.msgstr.values())
            allowed = set(PLACEHOLDER.findall(source))
            if any(not set(PLACEHOLDER.findall(t)) <= allowed for t in targets) or set(
                PLACEHOLDER.findall(entry.msgstr[max(entry.msgstr)])
            ) != allowed:
                problems.append(entry.msgid)
        if any(sorted(TAG.findall(source)) != sorted(TAG.findall(t)) for t in targets):
            problems.append(entry.msgid)
    assert problems == []


def test_a_rights_page_translated_in_arabic_shows_its_arabic_text_and_its_legal_references(client, db):
    from recours.rights.services import rights_load

    rights_load()
    html = client.get("/ar/droits/logement-refuse-a-cause-de-mon-nom/").content.decode()
    assert "رُفض طلبي لزيارة مسكن أو لاستئجاره بسبب اسمي" in html
    assert "قانون العقوبات الفرنسي، المادة 225-1" in html
    assert "On m'a refusé une visite ou un logement à cause de mon nom" not in html


def test_every_rights_page_is_read_in_arabic_with_as_many_legal_sources_as_the_french(client, db):
    import json

    from recours.rights.services import rights_load
    from recours.rights.translations import catalogue

    rights_load()
    french = json.loads((Path(settings.BASE_DIR) / "recours/rights/data/rights.json").read_text(encoding="utf-8"))["pages"]
    arabic = catalogue("ar")
    for page in french:
        translated = arabic[page["slug"]]
        assert len(translated["sources"]) == len(page["sources"]), page["slug"]
        html = client.get(f"/ar/droits/{page['slug']}/").content.decode()
        assert "هذه الصفحة غير مترجمة بعد إلى لغتك" not in html, page["slug"]
        assert translated["title"] in html, page["slug"]
