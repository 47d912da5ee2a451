import html
import re


def test_the_page_asks_for_a_postal_code(client, directory):
    response = client.get("/aide/")
    assert response.status_code == 200
    assert "Trouver de l'aide près de chez moi" in html.unescape(response.content.decode())


def test_a_search_lists_local_services_then_national_ones(client, directory):
    response = client.post("/aide/", {"postal_code": "44000", "grounds": ["handicap"], "domain": "emploi_prive"}, follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("Permanence accès aux droits et handicap") < page.index("Partout en France")
    assert page.index("Partout en France") < page.index("39 28 et antidiscriminations.fr")
    assert 'href="tel:0261910004"' in page and "02 61 91 00 04" in page
    assert "Pourquoi ce service" in page


def test_the_search_is_not_in_the_address(client, directory):
    response = client.post("/aide/", {"postal_code": "44000", "grounds": ["orientation"]}, follow=True)
    assert response.redirect_chain == [("/aide/#resultats", 302)]
    assert response.wsgi_request.GET == {} and "orientation" not in response.wsgi_request.get_full_path()


def test_an_unknown_postal_code_keeps_the_answers_and_says_why(client, directory):
    response = client.post("/aide/", {"postal_code": "00000", "domain": "logement"}, follow=True)
    page = html.unescape(response.content.decode())
    assert "Ce code postal n'existe pas" in page
    assert 'value="00000"' in page and '<option value="logement" selected>' in page
    assert "Erreur :" in page.split("</title>")[0]


def test_nothing_found_locally_still_gives_national_services(client, directory):
    response = client.post("/aide/", {"postal_code": "97300", "grounds": ["age"]}, follow=True)  # Cayenne: no local service
    page = response.content.decode()
    assert "Aucun service local" in page and "116 006" in page


def test_the_page_has_a_quick_exit_and_no_third_party_asset(client, directory):
    page = client.post("/aide/", {"postal_code": "44000"}, follow=True).content.decode()
    assert 'class="quick-exit"' in page
    assets = re.findall(r'<(?:script|img|link)[^>]+(?:src|href)="([^"]+)"', page)
    assert assets and all(url.startswith("/") or url.startswith("data:") for url in assets), assets


def search(client, **data):
    return html.unescape(client.post("/aide/", data, follow=True).content.decode())


def test_the_grounds_are_offered_in_the_plain_words_of_the_report_form(client, directory):
    page = html.unescape(client.get("/aide/").content.decode())
    assert "La couleur de peau, l'appartenance supposée à une « race » ou à une ethnie" in page
    assert "prétendue race" not in page and "particulière vulnérabilité" not in page.lower()


def test_a_plain_ground_searches_the_criteria_it_stands_for(client, directory):
    page = search(client, postal_code="44000", grounds=["handicap"], domain="emploi_prive")
    assert "Permanence accès aux droits et handicap" in page
    assert "traite : un handicap" in page  # the reason in the person's words, not the legal label


def test_an_unknown_postal_code_names_the_field_the_page_has(client, directory):
    page = search(client, postal_code="00000")
    assert "Ce code postal n'existe pas. Vérifiez ses 5 chiffres, par exemple 44000." in page
    assert "commune" not in page.split('id="error-summary-title"')[1].split("</div>")[0]


def test_no_local_service_reads_aucun_service(client, directory):
    page = search(client, postal_code="97300", grounds=["age"])
    assert "Aucun service près de" in page and "0 service" not in page


def test_one_local_service_reads_in_the_singular(client, directory):
    from recours.directory.models import Service

    page = search(client, postal_code="44000", grounds=["handicap"], domain="emploi_prive")
    count = int(re.search(r"(\d+) services? près de", page).group(1))
    word = "service" if count == 1 else "services"
    assert f"{count} {word} près de" in page
    assert Service.objects.exists()


def test_distances_read_in_plain_french(client, directory):
    page = search(client, postal_code="44000")
    assert "0,0 km" not in page
    assert re.search(r"moins de 1 km|à \d+(,\d)? km", page)


def test_reloading_the_results_posts_nothing_again(client, directory):
    search(client, postal_code="44000", grounds=["handicap"])
    again = html.unescape(client.get("/aide/").content.decode())
    assert "près de 44000" in again  # the last search, kept (encrypted) in the session for the GET


def test_the_search_is_kept_encrypted_in_the_session(client, directory):
    from django.contrib.sessions.models import Session

    search(client, postal_code="44000", grounds=["orientation"])
    [session] = Session.objects.all()
    assert "orientation" not in str(session.get_decoded()) and "44000" not in str(session.get_decoded())
