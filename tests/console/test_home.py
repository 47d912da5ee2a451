"""The console's home page: greeting, teams and roles, in the theme, with no quick exit."""

from recours.accounts.models import Role
from recours.accounts.services import membership_set
from tests.accounts.helpers import HOME_URL, log_in_verified
from tests.theme.helpers import parse


def test_it_greets_the_user_by_name(client, teams, make_staff):
    user, _ = make_staff("alice", teams["nantes"], first_name="Alice", last_name="Durand")
    log_in_verified(client, user)
    page = parse(client.get(HOME_URL).content.decode())
    assert page.find_all("h1") and "Bonjour Alice Durand" in page.plain_text


def test_it_lists_the_users_teams_and_roles(client, teams, make_staff):
    user, _ = make_staff("alice", teams["nantes"])
    membership_set(user=user, team=teams["loire_atlantique"], role=Role.COORDINATOR)
    log_in_verified(client, user)
    text = parse(client.get(HOME_URL).content.decode()).plain_text
    assert "Ville de Nantes" in text and "Loire-Atlantique" in text
    assert "coordinateur·rice" in text
    assert "Ville de Paris" not in text


def test_it_says_one_case_in_the_singular(client, teams, make_staff, make_case):
    make_case(commune="44109", postal_code="44000")
    user, _ = make_staff("alice", teams["nantes"])
    log_in_verified(client, user)
    assert "1 dossier est visible par vos équipes." in parse(client.get(HOME_URL).content.decode()).plain_text


def test_it_obeys_the_csp_and_has_no_quick_exit(client, teams, make_staff):
    user, _ = make_staff("alice", teams["nantes"])
    log_in_verified(client, user)
    html = client.get(HOME_URL).content.decode()
    assert not parse(html).inline_problems
    assert "quick-exit-bar" not in html


def test_it_is_never_cached(client, teams, make_staff):
    user, _ = make_staff("alice", teams["nantes"])
    log_in_verified(client, user)
    assert "no-store" in client.get(HOME_URL)["Cache-Control"]


def test_the_home_tells_the_day_and_lists_the_callbacks_due(client, teams, make_staff, make_case):
    import datetime as dt

    from django.utils import timezone

    from recours.casework.models import ScheduledCall
    from tests.accounts.helpers import HOME_URL, log_in_verified
    from tests.theme.helpers import parse

    user, _ = make_staff("alice", teams["nantes"])
    case, _ = make_case(commune="44109", postal_code="44000")
    ScheduledCall.objects.create(case=case, due_at=timezone.now() - dt.timedelta(minutes=10))
    log_in_verified(client, user)
    page = parse(client.get(HOME_URL).content.decode())
    text = page.plain_text
    assert "1 nouveau dossier dans la file de l'équipe" in text
    assert page.by_id("rappels") is not None and f"rappeler (dossier {case.reference})" in text and "en retard" in text


def test_a_coordinator_sees_the_load_of_their_own_teams_only(client, teams, make_staff, make_case):
    from recours.accounts.models import Role
    from recours.casework.services import case_assign
    from tests.accounts.helpers import HOME_URL, log_in_verified
    from tests.theme.helpers import parse

    coordinator, _ = make_staff("bruno", teams["nantes"], role=Role.COORDINATOR)
    alice, _ = make_staff("alice", teams["nantes"], first_name="Alice", last_name="Martin")
    paul, _ = make_staff("paul", teams["paris"], first_name="Paul", last_name="Durand")
    case, _ = make_case(commune="44109", postal_code="44000")
    case_assign(case=case, assignee=alice, actor=coordinator)
    log_in_verified(client, coordinator)
    page = parse(client.get(HOME_URL).content.decode())
    load = page.by_id("team-load")
    assert load is not None
    text = page.plain_text
    assert "Alice Martin10" in text and "Paul Durand" not in text  # name, open, waiting
    assert "1 dossier reçu en 7 jours" in text
    log_in_verified(client, alice)
    assert 'id="team-load"' not in client.get(HOME_URL).content.decode()  # advisers: not shown
