"""Easy-read (FALC) versions of the main public pages, reachable from every public page."""

import re

import pytest

from recours.rights.views import EASY_READ
from tests.intake.walk import VALID_ANSWERS, page, post_step, submit


@pytest.mark.parametrize("slug", list(EASY_READ))
def test_every_easy_read_page_is_there_without_cookie(client, db, slug):
    response = client.get(f"/facile/{slug}/")
    assert response.status_code == 200 and not response.cookies
    body = page(response)
    assert "Facile à lire et à comprendre" in body
    assert "Voir la page habituelle, plus complète" in body
    assert 'alt=""' in body  # pictograms are decorative: the text says it all


def test_easy_read_sentences_are_short(client, db):
    """European easy-to-read rules: one idea per sentence; we hold each sentence to 20 words."""
    for slug in EASY_READ:
        html = page(client.get(f"/facile/{slug}/"))
        main = html.split('id="contenu"', 1)[1].split("</main>", 1)[0]
        blocks = re.findall(r"<(p|li|h1|h2)\b[^>]*>(.*?)</\1>", main, flags=re.S)
        assert len(blocks) > 5
        for _tag, block in blocks:
            text = re.sub(r"<[^>]+>", " ", block)
            for sentence in re.split(r"[.?!:;]\s", text):
                assert len(sentence.split()) <= 20, (slug, sentence.strip())


def test_an_unknown_easy_read_page_is_not_found(client, db):
    assert client.get("/facile/nimporte/").status_code == 404


@pytest.mark.parametrize("url, easy", [
    ("/", "/facile/accueil/"),
    ("/formulaire/", "/facile/signaler/"),
    ("/suivi/", "/facile/suivi/"),
    ("/effacer-mes-traces/", "/facile/quitter/"),
    ("/droits/", "/facile/droits/"),
    ("/mentions-legales/", "/facile/accueil/"),
    ("/aide/", "/facile/accueil/"),
    ("/accessibilite/", "/facile/accueil/"),
])
def test_every_public_page_links_its_easy_read_version(client, db, url, easy):
    body = page(client.get(url))
    assert re.search(rf'<a href="{easy}" id="footer-easy-read"', body), url


def test_the_report_steps_and_the_receipt_link_their_easy_read_versions(client, rights):
    client.post("/formulaire/", {"action": "start"})
    assert 'href="/facile/signaler/" id="footer-easy-read"' in page(client.get("/formulaire/"))
    for step, answers in VALID_ANSWERS.items():
        post_step(client, step, answers)
    receipt = page(submit(client))
    assert "Votre signalement est envoyé" in receipt and 'href="/facile/code-de-suivi/"' in receipt
