"""`create_staff`: the first administrator of an instance, created from the command line."""

import io

import pytest
from django.core.management import CommandError, call_command

from recours.accounts.models import Membership, Role, TeamKind
from tests.accounts.helpers import ENROL_URL, log_in


@pytest.fixture
def stdin_password(monkeypatch):
    def feed(password):
        monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))

    return feed


def test_it_creates_the_first_administrator_in_the_national_team(db, stdin_password, django_user_model):
    stdin_password("un mot de passe solide pour la prod")
    out = io.StringIO()
    call_command("create_staff", "operatrice", "--admin-site", "--password-stdin", stdout=out)
    user = django_user_model.objects.get(username="operatrice")
    membership = Membership.objects.get(user=user)
    assert (membership.team.kind, membership.role) == (TeamKind.NATIONAL, Role.ADMINISTRATOR)
    assert user.is_superuser and user.is_staff
    assert "/console/connexion/" in out.getvalue()


def test_the_new_account_sets_up_its_app_at_first_login(client, db, stdin_password):
    stdin_password("un mot de passe solide pour la prod")
    call_command("create_staff", "conseiller", "--role", "adviser", "--password-stdin", stdout=io.StringIO())
    response = log_in(client, "conseiller", password="un mot de passe solide pour la prod")
    assert response["Location"] == ENROL_URL


def test_it_refuses_a_weak_password(db, stdin_password):
    stdin_password("123")
    with pytest.raises(CommandError):
        call_command("create_staff", "faible", "--password-stdin", stdout=io.StringIO())


def test_it_refuses_an_unknown_team(db, stdin_password):
    stdin_password("un mot de passe solide pour la prod")
    with pytest.raises(CommandError):
        call_command("create_staff", "x", "--team", "nulle-part", "--password-stdin", stdout=io.StringIO())
