"""A role counts for the team it is held in (issue 15, item 2): a coordinator of one local team
who is an adviser in the national team gets exact figures and records of their own territory
only; everywhere else the published (perturbed) figures."""

import csv
import io

import pytest

from recours.accounts.models import Role
from recours.accounts.services import membership_set
from tests.accounts.helpers import log_in_verified

URL = "/observatoire/"


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


@pytest.fixture
def mixed_roles(coordinator, teams):
    """The coordinator of Loire-Atlantique, also an adviser in the national team."""
    membership_set(user=coordinator, team=teams["national"], role=Role.ADVISER)
    return coordinator


def test_an_adviser_in_the_national_team_downloads_the_records_of_the_territory_they_manage_only(
    client, add_records, mixed_roles
):
    add_records(2)
    add_records(3, departement="75", region="11")
    add_records(1, departement="73", region="84", excerpt="Refus de location à Chambéry")
    log_in_verified(client, mixed_roles)
    rows = csv_rows(client.get("/observatoire/export/fiches.csv"))
    assert len(rows) == 2 and {r["departement"] for r in rows} == {"44"}
    assert csv_rows(client.get("/observatoire/export/fiches.csv", {"territoire": "73"})) == []
    assert "Chambéry" not in client.get("/observatoire/export/fiches.csv", {"territoire": "r84"}).content.decode()
    assert "/observatoire/export/fiches.csv" in client.get(URL).content.decode()  # offered on their national view too


def test_their_dashboard_of_another_departement_is_the_published_one(client, add_records, mixed_roles):
    add_records(3, departement="73", region="84")
    log_in_verified(client, mixed_roles)
    html = client.get(URL, {"territoire": "73"}).content.decode()
    assert "sans secret statistique" not in html
    assert "3 signalements au total" not in html
    rows = csv_rows(client.get("/observatoire/export/par-territoire.csv", {"territoire": "73"}))
    assert all(r["effectif"] in ("", "0") for r in rows)


def test_their_national_dashboard_is_the_published_one_and_their_own_departement_exact(
    client, add_records, mixed_roles
):
    add_records(3)
    log_in_verified(client, mixed_roles)
    assert "sans secret statistique" not in client.get(URL).content.decode()
    html = client.get(URL, {"territoire": "44"}).content.decode()
    assert "sans secret statistique" in html and "3 signalements au total" in html


def test_an_adviser_alone_downloads_no_records(client, add_records, teams, make_staff):
    add_records(2)
    adviser, _device = make_staff("juriste.nationale", teams["national"], role=Role.ADVISER)
    log_in_verified(client, adviser)
    assert client.get("/observatoire/export/fiches.csv").status_code == 403


def test_the_national_teams_coordinator_sees_every_territory_exactly(client, add_records, teams, make_staff):
    add_records(3, departement="73", region="84")
    national, _device = make_staff("coordination.nationale", teams["national"], role=Role.COORDINATOR)
    log_in_verified(client, national)
    assert "3 signalements au total" in client.get(URL, {"territoire": "73"}).content.decode()
    assert len(csv_rows(client.get("/observatoire/export/fiches.csv"))) == 3


def test_the_retention_page_lists_the_cases_of_the_managed_teams_only(client, mixed_roles, teams, make_case):
    import datetime as dt

    from django.utils import timezone

    from recours.casework.services import case_transfer
    from tests.observatory.helpers import close

    long_ago = timezone.now() - dt.timedelta(days=800)
    own, _receipt = make_case()
    national, _receipt = make_case()
    case_transfer(case=own, to_team=teams["loire_atlantique"], note="Dossier du département.", actor=mixed_roles)
    case_transfer(case=national, to_team=teams["national"], note="Dossier national.", actor=mixed_roles)
    close(own, when=long_ago)
    close(national, when=long_ago)
    log_in_verified(client, mixed_roles)
    html = client.get("/console/observatoire/conservation/").content.decode()
    assert own.reference in html
    assert national.reference not in html  # seen as the national team's adviser, not managed
