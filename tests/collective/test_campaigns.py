"""A coordinator plans a testing campaign, records its tests and reads the result; exports."""

import csv
import io

import pytest

from recours.collective.models import Campaign, CampaignTest
from recours.core.models import AuditEvent


@pytest.fixture
def campaign_url(coordinator_console, teams):
    response = coordinator_console.post("/console/collectif/campagnes/nouvelle/", {
        "team": teams["nantes"].pk, "title": "Agences de Nantes", "target": "Les agences immobilières de Nantes",
        "criterion": "origine", "profile_a": "Julien Martin", "profile_b": "=Karim Benali",
        "protocol": "Un appel par agence, à une heure d'intervalle.",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


def _record(client, url, a, b, day=1):
    return client.post(f"{url}tests/", {"tested_on": f"2026-10-{day:02d}", "a_favourable": a, "b_favourable": b})


def test_recording_the_hand_computed_table_shows_its_result(coordinator_console, campaign_url):
    for a, b, times in (("1", "1", 6), ("1", "0", 8), ("0", "1", 1), ("0", "0", 1)):
        for _ in range(times):
            assert _record(coordinator_console, campaign_url, a, b).status_code == 302
    page = coordinator_console.get(campaign_url).content.decode()
    assert '<td id="net-rate">0,467</td>' in page
    assert "0,0391" in page and "différence significative au seuil de 5 %" in page
    assert AuditEvent.objects.filter(action="campaign.test").count() == 16


def test_a_test_needs_both_outcomes(coordinator_console, campaign_url):
    response = coordinator_console.post(f"{campaign_url}tests/", {"tested_on": "2026-10-01", "a_favourable": "1"})
    assert response.status_code == 400 and not CampaignTest.objects.exists()


def test_the_csv_export_is_safe_for_spreadsheets(coordinator_console, campaign_url):
    _record(coordinator_console, campaign_url, "1", "0")
    response = coordinator_console.get(f"{campaign_url}campagne.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    assert ["Profil testé (B)", "'=Karim Benali"] in rows
    assert AuditEvent.objects.filter(action="campaign.export", detail__format="csv").exists()


def test_the_pdf_export(coordinator_console, campaign_url):
    _record(coordinator_console, campaign_url, "1", "0")
    response = coordinator_console.get(f"{campaign_url}campagne.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_an_adviser_reads_the_campaign_of_their_team_but_does_not_record(console, campaign_url):
    assert console.get(campaign_url).status_code == 200
    assert _record(console, campaign_url, "1", "0").status_code == 403
    assert not CampaignTest.objects.exists()


def test_a_campaign_linked_to_a_file_shows_in_its_timeline(coordinator_console, coordinator, teams):
    from recours.collective.services import collective_file_create

    file = collective_file_create(team=teams["nantes"], title="Agences", actor=coordinator)
    coordinator_console.post("/console/collectif/campagnes/nouvelle/", {
        "team": teams["nantes"].pk, "file": file.pk, "title": "Test agences", "target": "Agences",
        "criterion": "origine", "profile_a": "A", "profile_b": "B", "protocol": "P",
    })
    campaign = Campaign.objects.get()
    page = coordinator_console.get(f"/console/collectif/dossiers-collectifs/{file.pk}/").content.decode()
    assert f"/console/collectif/campagnes/{campaign.pk}/" in page


def test_the_tested_respondent_is_chosen_among_the_teams_organisations(coordinator_console, campaign_url, make_case, adviser, paris_adviser, organisation):
    from tests.factories import NANTES, PARIS

    ours, _ = make_case(**NANTES)
    theirs, _ = make_case(**PARIS)
    organisation("SCI Les Tilleuls", case=ours, actor=adviser)
    organisation("Agence de Paris Centre", case=theirs, actor=paris_adviser)
    page = coordinator_console.get(campaign_url).content.decode()
    assert "SCI Les Tilleuls" in page and "Agence de Paris Centre" not in page
