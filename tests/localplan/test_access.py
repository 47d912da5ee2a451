"""Every route of the local plan report is for the coordinators of the team: advisers,
other teams' coordinators and anonymous visitors are refused, and change nothing."""

import pytest

from recours.localplan.models import CaseQpv, LocalPlanReport, Qpv

REFUSED = (302, 403, 404)


COORDINATORS_ROUTES = [
    ("get", "/console/plan-local/", {}),
    ("get", "/console/plan-local/quartiers/", {}),
    ("post", "/console/plan-local/quartiers/", {}),
]


def team_routes(team_id, year):
    base = f"/console/plan-local/{team_id}/{year}/"
    return [
        ("get", base, {}),
        ("post", base, {"introduction": "Pris en main"}),
        ("post", base, {"publish": "1"}),
        ("get", f"{base}rapport.csv", {}),
        ("get", f"{base}rapport.pdf", {}),
        ("get", f"{base}rapport.parquet", {}),
    ]


@pytest.fixture
def who(console, paris_coordinator, client_factory):
    from tests.accounts.helpers import log_in_verified

    other = client_factory()
    log_in_verified(other, paris_coordinator)
    return {"anonymous": client_factory(), "adviser of the team": console, "coordinator of another team": other}


@pytest.mark.parametrize("visitor", ["anonymous", "adviser of the team", "coordinator of another team"])
def test_no_route_reaches_the_report_but_for_its_coordinators(who, visitor, teams, report_year):
    client = who[visitor]
    routes = team_routes(teams["nantes"].pk, report_year)
    if visitor != "coordinator of another team":  # who coordinates a team may import the shared QPV list
        routes += COORDINATORS_ROUTES
    for method, url, data in routes:
        response = getattr(client, method)(url, data)
        assert response.status_code in REFUSED, (visitor, method, url, response.status_code)
        assert "Rapport pour le plan local" not in response.content.decode(errors="replace"), url
    assert not LocalPlanReport.objects.exists() and not Qpv.objects.exists()


def test_the_coordinator_of_another_team_reads_their_own_report_only(who, teams, report_year):
    other = who["coordinator of another team"]
    assert other.get("/console/plan-local/").status_code == 200
    assert other.get(f"/console/plan-local/{teams['paris'].pk}/{report_year}/").status_code == 200
    assert other.get(f"/console/plan-local/{teams['nantes'].pk}/{report_year}/").status_code == 404


def test_the_coordinator_reads_and_exports(coordinator_console, teams, report_year):
    base = f"/console/plan-local/{teams['nantes'].pk}/{report_year}/"
    for url in (base, f"{base}rapport.csv", f"{base}rapport.pdf", f"{base}rapport.parquet", "/console/plan-local/", "/console/plan-local/quartiers/"):
        assert coordinator_console.get(url).status_code == 200, url


def test_an_unpublished_report_has_no_public_page(client, teams, report_year):
    LocalPlanReport.objects.create(team=teams["nantes"], year=report_year, introduction="Brouillon")
    assert client.get(f"/plan-local/{teams['nantes'].pk}/{report_year}/").status_code == 404


def test_an_adviser_of_another_team_cannot_set_the_qpv_of_a_case(paris_console, case_in_year, qpvs):
    case = case_in_year()
    response = paris_console.post(f"/console/plan-local/dossiers/{case.reference}/qpv/", {"qpv": "QN04401M"})
    assert response.status_code == 404 and not CaseQpv.objects.exists()


def test_the_nav_entry_is_for_coordinators(console, coordinator_console):
    assert 'href="/console/plan-local/"' not in console.get("/console/").content.decode()
    assert 'href="/console/plan-local/"' in coordinator_console.get("/console/").content.decode()
