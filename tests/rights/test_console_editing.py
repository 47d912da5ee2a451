"""The national team's coordinators edit the rights pages in the console; each save is a new
version and the versions before are kept. Advisers, other teams' coordinators and anonymous
visitors can neither see nor change them."""

import pytest

from recours.accounts.models import Role
from recours.core.models import AuditEvent
from recours.rights.forms import RightsPageForm
from recours.rights.models import RightsPage
from tests.accounts.helpers import log_in_verified
from tests.intake.walk import page

SLUG = "police-controle-au-facies"
EDIT = f"/console/droits/{SLUG}/"


@pytest.fixture
def logged_in(client_factory, teams, make_staff):  # noqa: F811
    def make(username, team, role):
        user, _ = make_staff(username, teams[team], role=role)
        client = client_factory()
        log_in_verified(client, user)
        client.user = user
        return client
    return make


@pytest.fixture
def national_coordinator(logged_in):
    return logged_in("coordination.nationale", "national", Role.COORDINATOR)


def edited(**changes) -> dict:
    page = RightsPage.objects.get(slug=SLUG)
    data = {k: v for k, v in RightsPageForm.initial_from(page).items()}
    data["reviewed_on"] = data["reviewed_on"].isoformat()
    data["published"] = "on" if data["published"] else ""
    data.update(changes)
    return data


def test_a_national_coordinator_sees_the_pages_in_the_console_navigation(national_coordinator, rights):
    body = page(national_coordinator.get("/console/droits/"))
    assert 'href="/console/droits/"' in body and f'href="/console/droits/{SLUG}/"' in body


def test_a_national_coordinator_saves_a_new_version_and_the_old_one_stays(national_coordinator, rights):
    response = national_coordinator.post(EDIT, edited(
        summary="Un nouveau résumé, plus court.", reviewed_on="2027-01-15", note="Relecture annuelle"))
    assert response.status_code == 302
    page_ = RightsPage.objects.get(slug=SLUG)
    assert page_.version == 2 and page_.summary == "Un nouveau résumé, plus court."
    assert page_.updated_by == national_coordinator.user and str(page_.reviewed_on) == "2027-01-15"
    versions = list(page_.versions.all())
    assert [v.version for v in versions] == [2, 1]
    assert versions[0].note == "Relecture annuelle" and versions[0].saved_by == national_coordinator.user
    assert versions[1].content["summary"] != "Un nouveau résumé, plus court."
    assert AuditEvent.objects.filter(action="rights.update", actor=national_coordinator.user, detail__page=SLUG).exists()
    assert "Un nouveau résumé, plus court." in page(national_coordinator.get(f"/droits/{SLUG}/"))
    history = page(national_coordinator.get(EDIT + "versions/"))
    assert "Version 2" in history and "Version 1" in history and versions[1].content["summary"] in history


def test_the_sources_are_edited_one_per_line_and_cannot_be_emptied(national_coordinator, rights):
    response = national_coordinator.post(EDIT, edited(sources="  \n "))
    assert response.status_code == 400 and "Citez au moins une source légale" in page(response)
    response = national_coordinator.post(EDIT, edited(
        sources="Code pénal, article 432-7 | https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000000000000\nCode de procédure pénale, article 78-2"))
    assert response.status_code == 302
    assert RightsPage.objects.get(slug=SLUG).sources == [
        {"label": "Code pénal, article 432-7", "url": "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000000000000"},
        {"label": "Code de procédure pénale, article 78-2", "url": ""},
    ]
    response = national_coordinator.post(EDIT, edited(sources="Un texte | javascript:alert(1)"))
    assert response.status_code == 400


def test_the_page_links_the_advisers_answers_on_the_same_subject(national_coordinator, rights, answer_templates):
    from recours.casework.models import AnswerTemplate

    body = page(national_coordinator.get(EDIT))
    assert 'href="/console/dossiers/reponses-types/cle/defenseur-des-droits/"' in body
    response = national_coordinator.get("/console/dossiers/reponses-types/cle/defenseur-des-droits/")
    assert response.status_code == 302
    assert response.url == f"/console/dossiers/reponses-types/{AnswerTemplate.objects.get(key='defenseur-des-droits').pk}/"


@pytest.mark.parametrize("team, role", [
    ("national", Role.ADVISER),
    ("nantes", Role.COORDINATOR),
    ("paris", Role.ADMINISTRATOR),
    ("loire_atlantique", Role.ADVISER),
])
def test_others_can_neither_see_nor_edit_the_pages(logged_in, rights, team, role):
    client = logged_in(f"{team}.{role}", team, role)
    before = RightsPage.objects.get(slug=SLUG)
    for url in ("/console/droits/", EDIT, EDIT + "versions/"):
        assert client.get(url).status_code in (403, 404), url
    assert client.post(EDIT, edited(summary="Piraté")).status_code in (403, 404)
    after = RightsPage.objects.get(slug=SLUG)
    assert after.summary == before.summary and after.version == 1
    assert 'href="/console/droits/"' not in page(client.get("/console/"))


def test_an_anonymous_visitor_is_sent_to_the_login(client, rights):
    for url in ("/console/droits/", EDIT, EDIT + "versions/"):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/console/connexion/"), url
    assert client.post(EDIT, edited(summary="Piraté")).status_code == 302
    assert RightsPage.objects.get(slug=SLUG).version == 1
