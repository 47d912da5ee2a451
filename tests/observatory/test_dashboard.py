"""The dashboard: public indicators with small counts hidden, teams' territories, coordinators' exact counts."""

import re

from tests.accounts.helpers import log_in_verified
from tests.observatory.helpers import published

URL = "/observatoire/"


def territory_row(response, name: str) -> str:
    table = re.search(r'<table id="tableau-territoire".*?</table>', response.content.decode(), re.DOTALL).group(0)
    row = re.search(rf"<tr[^>]*><th scope=\"row\">{name}</th>(.*?)</tr>", table, re.DOTALL)
    return row.group(1) if row else ""


def cells(row_html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td>(.*?)</td>", row_html)]


def test_anyone_sees_the_published_indicators_without_logging_in(client, add_records):
    records = add_records(40)
    response = client.get(URL)
    assert response.status_code == 200
    assert f"{published(records)} signalements au total" in response.content.decode()
    assert '<svg class="chart"' in response.content.decode()


def test_small_counts_are_hidden_from_the_public(client, add_records):
    add_records(40)
    add_records(30, departement="75", region="11")
    add_records(3, departement="13", region="93")
    row = territory_row(client.get(URL), "Bouches-du-Rhône")
    assert cells(row) and all(value in ("s", "0") for value in cells(row))
    assert "3" not in cells(row)


def test_filters_narrow_the_year_territory_and_channel(client, add_records):
    form = add_records(20)
    phone = add_records(25, channel="phone")
    paris = add_records(30, departement="75", region="11")
    assert f"{published(phone)} signalements au total" in client.get(URL, {"canal": "phone"}).content.decode()
    assert f"{published(paris)} signalements au total" in client.get(URL, {"territoire": "75"}).content.decode()
    assert f"{published(form, phone)} signalements au total" in client.get(URL, {"territoire": "r52"}).content.decode()
    assert "\n0 signalements au total" in client.get(URL, {"annee": "2001"}).content.decode()


def test_malformed_filters_fall_back_to_the_defaults(client, add_records):
    records = add_records(20)
    response = client.get(URL, {"debut": "2026-13", "territoire": "<script>", "canal": "fax", "annee": "19x"})
    assert response.status_code == 200
    assert f"{published(records)} signalements au total" in response.content.decode()


def test_the_public_gets_a_calendar_year_of_complete_months_and_is_told_so(client, add_records):
    add_records(20)
    html = client.get(URL, {"debut": "2024-12", "fin": "2025-11"}).content.decode()
    assert "Période affichée" in html
    assert "de janvier 2025 à décembre 2025" in html
    assert 'name="debut"' not in html and '<select id="annee" name="annee">' in html


def test_a_coordinator_sees_exact_small_counts_of_their_territory(client, add_records, coordinator):
    add_records(3)
    add_records(2, month=add_records.this_month)  # the month under way too, and any period
    log_in_verified(client, coordinator)
    html = client.get(URL).content.decode()
    assert "5 signalements au total" in html
    assert "sans secret statistique" in html


def test_a_team_member_sees_their_territory_only(client, add_records, adviser):
    records = add_records(20)
    add_records(30, departement="75", region="11")
    log_in_verified(client, adviser)  # Ville de Nantes: Loire-Atlantique
    assert f"{published(records)} signalements au total" in client.get(URL).content.decode()
    assert "\n0 signalements au total" in client.get(URL, {"territoire": "75"}).content.decode()
    assert territory_row(client.get(URL), "Paris") == ""


def test_the_yearly_report_is_a_page_fit_to_print(client, add_records):
    add_records(20)
    from django.utils import timezone

    year = timezone.localdate().year
    response = client.get(f"/observatoire/rapport/{year}/")
    assert response.status_code == 200
    assert "stats-report" in response.content.decode()
    assert client.get(f"/observatoire/rapport/{year + 1}/").status_code == 404
