"""Object-level permission: a user sees the cases of their active teams, and nothing else."""

from recours.accounts.models import Team
from recours.casework.selectors import cases_visible_to
from recours.accounts.services import membership_set
from tests.accounts.helpers import HOME_URL, log_in_verified
from tests.theme.helpers import parse


def test_a_nantes_adviser_cannot_see_a_paris_case(teams, make_staff, make_case):
    nantes_case, _ = make_case(commune="44109", postal_code="44000")
    paris_case, _ = make_case(commune="75056", postal_code="75011")
    adviser, _ = make_staff("conseillere.nantes", teams["nantes"])
    visible = cases_visible_to(adviser)
    assert list(visible) == [nantes_case]
    assert not visible.filter(pk=paris_case.pk).exists()


def test_the_departement_team_does_not_see_the_city_teams_cases(teams, make_staff, make_case):
    make_case(commune="44109", postal_code="44000")  # Nantes: the city team's
    saint_nazaire, _ = make_case(commune="44184", postal_code="44600")
    coordinator, _ = make_staff("coordinateur.44", teams["loire_atlantique"])
    assert list(cases_visible_to(coordinator)) == [saint_nazaire]


def test_the_national_team_sees_only_the_cases_routed_to_it(teams, make_staff, make_case):
    make_case(commune="44109", postal_code="44000")
    online, _ = make_case(commune=None, postal_code="", online=True)
    lawyer, _ = make_staff("juriste.national", teams["national"])
    assert list(cases_visible_to(lawyer)) == [online]


def test_a_member_of_two_teams_sees_both_teams_cases_once_each(teams, make_staff, make_case):
    nantes_case, _ = make_case(commune="44109", postal_code="44000")
    paris_case, _ = make_case(commune="75056", postal_code="75011")
    user, _ = make_staff("renfort", teams["nantes"])
    membership_set(user=user, team=teams["paris"])
    assert sorted(case.pk for case in cases_visible_to(user)) == sorted([nantes_case.pk, paris_case.pk])


def test_an_inactive_team_sees_nothing(teams, make_staff, make_case):
    make_case(commune="44109", postal_code="44000")
    user, _ = make_staff("alice", teams["nantes"])
    Team.objects.filter(pk=teams["nantes"].pk).update(active=False)
    assert not cases_visible_to(user).exists()


def test_a_superuser_sees_no_case_through_the_console(teams, admin_user, make_case):
    make_case(commune="44109", postal_code="44000")
    assert not cases_visible_to(admin_user).exists()


def test_an_anonymous_or_deactivated_user_sees_nothing(teams, make_staff, make_case):
    from django.contrib.auth.models import AnonymousUser

    make_case(commune="44109", postal_code="44000")
    user, _ = make_staff("alice", teams["nantes"])
    user.is_active = False
    assert not cases_visible_to(AnonymousUser()).exists()
    assert not cases_visible_to(user).exists()


def test_the_console_counts_only_the_cases_of_the_users_teams(client, teams, make_staff, make_case):
    make_case(commune="44109", postal_code="44000")
    make_case(commune="44109", postal_code="44000")
    make_case(commune="75056", postal_code="75011")
    adviser, _ = make_staff("conseillere.nantes", teams["nantes"])
    log_in_verified(client, adviser)
    page = parse(client.get(HOME_URL).content.decode())
    assert "2 dossiers sont visibles par vos équipes." in page.plain_text
