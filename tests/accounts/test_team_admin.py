"""Teams in the admin: a territory that matches the kind, one national team."""

from recours.accounts.models import Team, TeamKind
from recours.accounts.services import team_national_get

ADD_URL = "/gestion/admin/accounts/team/add/"


def form(**overrides):
    data = {
        "name": "Ville de Rezé", "slug": "reze", "kind": TeamKind.COMMUNES, "region": "", "departement": "",
        "communes": ["44143"], "active": "on",
        "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_an_administrator_creates_a_city_team(admin_client):
    response = admin_client.post(ADD_URL, form())
    assert response.status_code == 302
    assert list(Team.objects.get(slug="reze").communes.values_list("pk", flat=True)) == ["44143"]


def test_a_city_team_without_communes_is_refused_with_a_message(admin_client):
    response = admin_client.post(ADD_URL, form(communes=[]))
    assert response.status_code == 200
    assert "Choisissez au moins une commune." in response.content.decode()


def test_a_departement_team_without_its_departement_is_refused_with_a_message(admin_client):
    response = admin_client.post(ADD_URL, form(kind=TeamKind.DEPARTEMENT, communes=[]))
    assert "Choisissez le département de l" in response.content.decode()
    assert not Team.objects.filter(slug="reze").exists()


def test_a_second_national_team_is_refused_with_a_message(admin_client):
    team_national_get()
    response = admin_client.post(ADD_URL, form(kind=TeamKind.NATIONAL, communes=[]))
    assert "Il existe déjà une équipe nationale." in response.content.decode()
    assert Team.objects.filter(is_national=True).count() == 1


def test_the_national_team_cannot_be_deleted_from_the_admin(admin_client):
    national = team_national_get()
    assert admin_client.post(f"/gestion/admin/accounts/team/{national.pk}/delete/", {"post": "yes"}).status_code == 403
