"""The public rights pages: made from the shipped situations, each with its legal sources,
listed by ground, searchable, working without JavaScript or cookie."""

import json

from recours.rights.models import RightsPage
from recours.rights.services import DATA_FILE
from recours.taxonomy.models import Domain, PlainGround
from tests.intake.walk import page as text


def test_the_shipped_situations_make_at_least_thirty_pages_each_with_its_sources(rights):
    pages = list(RightsPage.objects.all())
    assert len(pages) >= 30
    assert len(pages) == len(json.loads(DATA_FILE.read_text())["pages"])
    for page in pages:
        assert page.sources and all(source["label"] for source in page.sources), page.slug
        assert any("article" in source["label"] for source in page.sources), page.slug
        assert page.law and page.what_to_do and page.deadlines and page.evidence and page.reviewed_on
        assert page.versions.count() == 1


def test_the_situations_cover_the_main_grounds_and_every_domain_but_other(rights):
    grounds = set(RightsPage.objects.values_list("ground_id", flat=True))
    domains = set(RightsPage.objects.values_list("domain_id", flat=True))
    assert {"origine", "handicap", "sante", "sexe", "grossesse", "age", "religion", "nom", "orientation"} <= grounds
    assert domains == set(Domain.objects.exclude(code="autre").values_list("code", flat=True))
    assert len(grounds) >= len(PlainGround.objects.all()) * 2 // 3


def test_every_page_shows_its_law_deadlines_evidence_and_sources(client, rights):
    for page in RightsPage.objects.all():
        response = client.get(f"/droits/{page.slug}/")
        assert response.status_code == 200, page.slug
        body = text(response)
        assert page.title in body and "Ce que dit la loi" in body and "Les délais" in body and "Les preuves" in body
        for source in page.sources:
            assert source["label"] in body
        assert "Relu par un·e juriste le" in body
        assert not response.cookies


def test_the_list_shows_every_situation_by_ground(client, rights):
    response = client.get("/droits/")
    body = text(response)
    assert response.status_code == 200 and not response.cookies
    for page in RightsPage.objects.all():
        assert f'href="/droits/{page.slug}/"' in body
    assert "<h3>Un handicap</h3>" in body


def test_the_search_finds_situations_by_words_without_accents(client, rights):
    body = text(client.get("/droits/", {"q": "enceinte licenciee"}))
    assert "J'ai été licenciée ou pas embauchée parce que je suis enceinte" in body
    assert "1 situation trouvée" in body
    assert "On m'a refusé un logement à cause de mon handicap" not in body


def test_the_search_narrows_by_ground_and_domain(client, rights):
    body = text(client.get("/droits/", {"motif": "handicap", "domaine": "logement"}))
    assert "On m'a refusé un logement à cause de mon handicap" in body
    assert "Mon employeur refuse d'aménager mon poste pour mon handicap" not in body
    assert "On m'a refusé une visite ou un logement à cause de mon nom" not in body


def test_a_search_that_finds_nothing_says_so(client, rights):
    body = text(client.get("/droits/", {"q": "zzzz"}))
    assert "Aucune situation ne correspond" in body


def test_an_unpublished_or_unknown_page_is_not_found(client, rights):
    RightsPage.objects.filter(slug="police-controle-au-facies").update(published=False)
    assert client.get("/droits/police-controle-au-facies/").status_code == 404
    assert client.get("/droits/nexiste-pas/").status_code == 404
    assert "police-controle-au-facies" not in text(client.get("/droits/"))


def test_the_text_of_a_page_is_escaped(client, rights):
    RightsPage.objects.filter(slug="police-controle-au-facies").update(law="<script>alert(1)</script>\n- un point")
    body = client.get("/droits/police-controle-au-facies/").content.decode()
    assert "<script>alert(1)" not in body and "&lt;script&gt;" in body and "<li>un point</li>" in body
