import html
import re


def test_the_page_asks_for_a_postal_code(client, directory):
    response = client.get("/aide/")
    assert response.status_code == 200
    assert "Trouver de l'aide près de chez moi" in html.unescape(response.content.decode())


def test_a_search_lists_local_services_then_national_ones(client, directory):
    response = client.post("/aide/", {"postal_code": "44000", "criteria": ["handicap"], "domain": "emploi_prive"})
    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("Permanence accès aux droits et handicap") < page.index("Partout en France")
    assert page.index("Partout en France") < page.index("39 28 et antidiscriminations.fr")
    assert 'href="tel:0261910004"' in page and "02 61 91 00 04" in page
    assert "Pourquoi ce service" in page


def test_the_search_is_not_in_the_address(client, directory):
    response = client.post("/aide/", {"postal_code": "44000", "criteria": ["orientation_sexuelle"]})
    assert response.status_code == 200
    assert response.wsgi_request.GET == {} and "orientation_sexuelle" not in response.wsgi_request.get_full_path()


def test_an_unknown_postal_code_keeps_the_answers_and_says_why(client, directory):
    response = client.post("/aide/", {"postal_code": "00000", "domain": "logement"})
    page = html.unescape(response.content.decode())
    assert "Ce code postal n'existe pas" in page
    assert 'value="00000"' in page and '<option value="logement" selected>' in page
    assert "Erreur :" in page.split("</title>")[0]


def test_nothing_found_locally_still_gives_national_services(client, directory):
    response = client.post("/aide/", {"postal_code": "97300", "criteria": ["age"]})  # Cayenne: no local service
    page = response.content.decode()
    assert "Aucun service local" in page and "116 006" in page


def test_the_page_has_a_quick_exit_and_no_third_party_asset(client, directory):
    page = client.post("/aide/", {"postal_code": "44000"}).content.decode()
    assert 'class="quick-exit"' in page
    assets = re.findall(r'<(?:script|img|link)[^>]+(?:src|href)="([^"]+)"', page)
    assert assets and all(url.startswith("/") or url.startswith("data:") for url in assets), assets
