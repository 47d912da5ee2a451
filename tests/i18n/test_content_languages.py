"""Content entries per language: the taxonomy's public labels and the rights pages, with the
French text (and a notice) where no translation exists yet."""

import json

import pytest
from django.utils import translation

from recours.rights.translations import DATA_DIR as RIGHTS_TRANSLATIONS
from recours.taxonomy.models import Criterion, Domain
from recours.taxonomy.translations import DATA_DIR as TAXONOMY_TRANSLATIONS
from recours.taxonomy.translations import text
from tests.theme.helpers import parse

pytestmark = pytest.mark.django_db

TRANSLATED = "logement-refuse-a-cause-de-mon-nom"
NEW = "police-nouvelle-situation"  # a page a coordinator adds: no translation file has it yet


@pytest.fixture
def rights(db):
    from recours.rights.models import RightsPage
    from recours.rights.services import rights_load

    rights_load(force=True)
    page = RightsPage.objects.get(slug="police-controle-au-facies")
    page.pk, page.slug, page.title = None, NEW, "Contrôlé·e sans raison à la sortie du métro"
    page.save()


def test_every_public_criterion_and_domain_has_its_english_label():
    data = json.loads((TAXONOMY_TRANSLATIONS / "en.json").read_text(encoding="utf-8"))
    with translation.override("en"):
        for criterion in Criterion.objects.filter(active=True):
            assert data["criteria"][criterion.code]["label"], criterion.code
            assert text(criterion) != criterion.label or criterion.code == "handicap"
        for domain in Domain.objects.filter(active=True):
            entry = data["domains"][domain.code]
            assert entry["label"] and entry["plain"], domain.code


def test_a_label_falls_back_to_french_when_its_translation_is_empty():
    housing = Domain.objects.get(code="logement")
    assert text(housing, "plain_label", "en") == "Housing"
    assert text(housing, "plain_label", "ar") == "السكن"
    assert text(housing, "plain_label", "de") == housing.plain_label  # no file for the language: French
    assert text(housing, "plain_label", "fr") == housing.plain_label


def test_the_arabic_files_list_every_public_label_for_the_translators():
    english = json.loads((TAXONOMY_TRANSLATIONS / "en.json").read_text(encoding="utf-8"))
    arabic = json.loads((TAXONOMY_TRANSLATIONS / "ar.json").read_text(encoding="utf-8"))
    for kind in ("criteria", "domains", "plain_grounds", "roles"):
        assert set(arabic[kind]) == set(english[kind]), kind


def test_the_report_form_offers_the_domains_in_english(client):
    client.get("/en/formulaire/")
    client.post("/en/formulaire/", {"step": "role", "action": "next", "role": "victime"})
    for step, data in (("what", {"narrative": "They refused.", "respondent": ""}),
                       ("where", {"place": "lieu", "postal_code": "44000"}), ("when", {"period": "mois"}),
                       ("grounds", {"grounds": ["nom"]})):
        client.post("/en/formulaire/", {"step": step, "action": "next", **data})
    page = client.get("/en/formulaire/").content.decode()
    assert "Work in a company or an association" in page and "Housing" in page
    assert "Le travail dans une entreprise" not in page


def test_a_translated_rights_page_is_shown_in_english(client, rights):
    text_ = client.get(f"/en/droits/{TRANSLATED}/").content.decode()
    assert "I was refused a viewing or a home because of my name" in text_
    assert "Surname – Housing" in text_
    assert "Criminal Code, article 225-1 (the grounds of discrimination)" in text_
    assert 'id="rights-not-translated"' not in text_


def test_a_rights_page_not_yet_translated_is_shown_in_french_under_a_notice(client, rights):
    response = client.get(f"/en/droits/{NEW}/")
    text_ = response.content.decode()
    assert "This page has not been translated into your language yet: here it is in French." in text_
    assert '<div lang="fr" dir="ltr" class="rights-content">' in text_
    assert "Contrôle" in text_ or "contrôle" in text_


def test_an_outdated_translation_says_the_french_page_is_newer(client, rights):
    from recours.rights.models import RightsPage

    RightsPage.objects.filter(slug=TRANSLATED).update(version=2)
    text_ = client.get(f"/en/droits/{TRANSLATED}/").content.decode()
    assert "The French page has been updated since this translation" in text_
    assert "I was refused a viewing or a home because of my name" in text_


def test_the_list_marks_the_titles_still_in_french(client, rights):
    page = parse(client.get("/en/droits/").content.decode())
    links = [a for a in page.find_all("a") if (a.get("href") or "").startswith("/en/droits/") and a.get("href") != "/en/droits/"]
    by_href = {a["href"]: a for a in links}
    assert by_href[f"/en/droits/{TRANSLATED}/"].get("lang") is None
    assert by_href[f"/en/droits/{NEW}/"]["lang"] == "fr"
    assert by_href["/en/droits/police-controle-au-facies/"].get("lang") is None


def test_the_english_rights_file_translates_every_shipped_page_whole():
    from recours.rights.services import DATA_FILE
    from recours.rights.translations import TEXT_FIELDS

    shipped = {row["slug"]: row for row in json.loads(DATA_FILE.read_text(encoding="utf-8"))["pages"]}
    data = json.loads((RIGHTS_TRANSLATIONS / "en.json").read_text(encoding="utf-8"))["pages"]
    assert set(data) == set(shipped)
    for slug, entry in data.items():
        assert all(entry.get(name) for name in TEXT_FIELDS), slug
        assert entry["version"] == 1, slug
        assert len(entry["sources"]) == len(shipped[slug]["sources"]) and all(entry["sources"]), slug



def found(client, prefix, words):
    """The situations the list at `prefix` links to when searched for `words`."""
    page = parse(client.get(prefix, {"q": words}).content.decode())
    hrefs = {a["href"] for a in page.find_all("a") if (a.get("href") or "").startswith(prefix)}
    return {href[len(prefix):].strip("/") for href in hrefs if href != prefix and "?" not in href}


def test_the_english_search_finds_a_page_by_its_english_words(client, rights):
    assert found(client, "/en/droits/", "whistleblower") == {"emploi-sanctionne-apres-avoir-donne-l-alerte"}
    assert found(client, "/droits/", "whistleblower") == set()  # the word is only in the English page


def test_the_english_search_still_finds_the_french_words(client, rights):
    assert found(client, "/en/droits/", "lanceur d'alerte") == {"emploi-sanctionne-apres-avoir-donne-l-alerte"}


def test_the_english_search_reads_the_translated_ground_and_domain(client, rights):
    housing = found(client, "/en/droits/", "housing")
    assert "logement-refuse-parce-que-je-touche-des-aides" in housing
    assert not any(slug.startswith("emploi-") for slug in housing)


def test_the_arabic_search_finds_a_page_by_its_arabic_words_with_or_without_vowel_marks(client, rights):
    assert "police-controle-au-facies" in found(client, "/ar/droits/", "الشرطة لون")
    with_marks = found(client, "/ar/droits/", "مبلِّغ عن المخالفات")
    assert with_marks == found(client, "/ar/droits/", "مبلغ عن المخالفات")
    assert "emploi-sanctionne-apres-avoir-donne-l-alerte" in with_marks
