"""`staff_required`: logged in, verified by the second factor, and in an active team — or refused."""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory
from django.views import View

from recours.accounts.models import Role, Team
from recours.accounts.permissions import StaffRequiredMixin, staff_required
from tests.accounts.helpers import HOME_URL, LOGIN_URL, log_in_verified


def test_an_anonymous_visitor_is_sent_to_the_login(client, db):
    response = client.get(HOME_URL)
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN_URL}?next=/console/"


def test_a_user_logged_in_without_the_second_factor_is_sent_to_the_login(client, teams, make_staff):
    user, _ = make_staff("alice", teams["nantes"])
    client.force_login(user)  # a session with the password only
    response = client.get(HOME_URL)
    assert response.status_code == 302 and response["Location"].startswith(LOGIN_URL)


def test_a_verified_user_in_no_team_is_refused(client, django_user_model, db):
    user = django_user_model.objects.create_user(username="sans.equipe", password="x")
    log_in_verified(client, user)
    response = client.get(HOME_URL)
    assert response.status_code == 403
    assert "aucune équipe active" in response.content.decode()


def test_a_verified_user_whose_only_team_is_inactive_is_refused(client, teams, make_staff):
    user, _ = make_staff("alice", teams["nantes"])
    log_in_verified(client, user)
    Team.objects.filter(pk=teams["nantes"].pk).update(active=False)
    assert client.get(HOME_URL).status_code == 403


def test_a_verified_team_member_is_let_in(client, teams, make_staff):
    user, _ = make_staff("alice", teams["nantes"])
    log_in_verified(client, user)
    assert client.get(HOME_URL).status_code == 200


def test_a_superuser_without_a_team_is_refused_too(client, admin_user):
    log_in_verified(client, admin_user)
    assert client.get(HOME_URL).status_code == 403


def _request(user, verified: bool):
    request = RequestFactory().get("/console/x/")
    user.is_verified = lambda: verified
    request.user = user
    return request


def _view(request):
    return HttpResponse("ok")


def test_a_view_can_be_restricted_to_some_roles(teams, make_staff):
    adviser, _ = make_staff("alice", teams["nantes"])
    coordinator, _ = make_staff("bruno", teams["nantes"], role=Role.COORDINATOR)
    view = staff_required(roles=[Role.COORDINATOR])(_view)
    assert view(_request(coordinator, True)).status_code == 200
    assert view(_request(adviser, True)).status_code == 403


def test_the_mixin_guards_class_based_views_the_same_way(teams, make_staff):
    class Page(StaffRequiredMixin, View):
        def get(self, request):
            return HttpResponse("ok")

    user, _ = make_staff("alice", teams["nantes"])
    assert Page.as_view()(_request(user, True)).status_code == 200
    assert Page.as_view()(_request(user, False)).status_code == 302
    anonymous = RequestFactory().get("/console/x/")
    anonymous.user = AnonymousUser()
    assert Page.as_view()(anonymous).status_code == 302
