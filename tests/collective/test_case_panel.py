"""The case file's panel: link a respondent found by the search, create one, remove it — without script."""

from recours.collective.models import CaseRespondent, Nature, Respondent
from recours.core.models import AuditEvent
from tests.factories import NANTES


def test_the_case_page_shows_the_panel(console, make_case):
    case, _ = make_case(**NANTES)
    page = console.get(f"/console/dossiers/{case.reference}/").content.decode()
    assert 'id="mis-en-cause"' in page
    assert "Aucun mis en cause n'est lié à ce dossier." in page


def test_the_search_page_lists_matches_with_a_link_button(console, make_case, adviser, organisation):
    first, _ = make_case(**NANTES)
    organisation("SCI Les Tilleuls", case=first, actor=adviser)
    case, _ = make_case(**NANTES)
    page = console.get(f"/console/collectif/dossiers/{case.reference}/mis-en-cause/", {"q": "S.C.I. LES TILLEULS"})
    assert "Lier SCI Les Tilleuls" in page.content.decode()
    fragment = console.get(
        f"/console/collectif/dossiers/{case.reference}/mis-en-cause/", {"q": "tilleuls"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Lier SCI Les Tilleuls" in fragment and "<html" not in fragment


def test_it_links_an_existing_respondent(console, make_case, adviser, organisation):
    first, _ = make_case(**NANTES)
    tilleuls = organisation("SCI Les Tilleuls", case=first, actor=adviser)
    case, _ = make_case(**NANTES)
    response = console.post(f"/console/collectif/dossiers/{case.reference}/mis-en-cause/lier/", {"respondent": tilleuls.pk})
    assert response.status_code == 302
    assert CaseRespondent.objects.filter(case=case, respondent=tilleuls).exists()
    assert AuditEvent.objects.filter(case_id=case.pk, action="respondent.link").exists()
    assert "SCI Les Tilleuls" in console.get(f"/console/dossiers/{case.reference}/").content.decode()


def test_it_creates_an_organisation_with_a_checked_siret(console, make_case):
    case, _ = make_case(**NANTES)
    url = f"/console/collectif/dossiers/{case.reference}/mis-en-cause/creer/"
    refused = console.post(url, {"nature": "organisation", "kind": "landlord", "name": "Agence Erdre", "siret": "732829321"})
    assert refused.status_code == 400 and "SIRET" in refused.content.decode()
    console.post(url, {"nature": "organisation", "kind": "landlord", "name": "Agence Erdre SARL", "siret": "732 829 320",
                       "commune": "44109"})
    respondent = Respondent.objects.get(links__case=case)
    assert (respondent.name_normalised, respondent.siret, respondent.commune_id) == ("agence erdre", "732829320", "44109")


def test_an_individuals_name_is_encrypted_and_never_normalised_in_clear(console, make_case):
    from django.db import connection

    case, _ = make_case(**NANTES)
    console.post(f"/console/collectif/dossiers/{case.reference}/mis-en-cause/creer/",
                 {"nature": "individual", "kind": "landlord", "name": "Jean Dupont"})
    respondent = Respondent.objects.get(links__case=case)
    assert respondent.nature == Nature.INDIVIDUAL and respondent.private_name == "Jean Dupont"
    assert respondent.name == respondent.name_normalised == ""
    with connection.cursor() as cursor:
        cursor.execute("SELECT private_name FROM collective_respondent WHERE id = %s", [respondent.pk])
        assert "Dupont" not in cursor.fetchone()[0]


def test_removing_the_last_link_of_an_individual_deletes_them(console, make_case):
    case, _ = make_case(**NANTES)
    console.post(f"/console/collectif/dossiers/{case.reference}/mis-en-cause/creer/",
                 {"nature": "individual", "kind": "other", "name": "Jean Dupont"})
    respondent = Respondent.objects.get(links__case=case)
    console.post(f"/console/collectif/dossiers/{case.reference}/mis-en-cause/{respondent.pk}/retirer/")
    assert not Respondent.objects.filter(pk=respondent.pk).exists()


def test_an_individual_is_never_found_from_another_team(console, paris_console, make_case):
    from tests.factories import PARIS

    case, _ = make_case(**NANTES)
    console.post(f"/console/collectif/dossiers/{case.reference}/mis-en-cause/creer/",
                 {"nature": "individual", "kind": "landlord", "name": "Jean Dupont"})
    respondent = Respondent.objects.get(links__case=case)
    theirs, _ = make_case(**PARIS)
    page = paris_console.get(f"/console/collectif/dossiers/{theirs.reference}/mis-en-cause/", {"q": "Jean Dupont"})
    assert "Aucun mis en cause ne ressemble" in page.content.decode()
    assert "Lier Jean Dupont" not in page.content.decode()
    # Nor linked by guessing its id.
    response = paris_console.post(f"/console/collectif/dossiers/{theirs.reference}/mis-en-cause/lier/",
                                  {"respondent": respondent.pk})
    assert response.status_code == 404
    assert not CaseRespondent.objects.filter(case=theirs).exists()
