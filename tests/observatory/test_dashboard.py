"""The dashboard: public indicators with small counts hidden, teams' territories, coordinators' exact counts."""

import re

from tests.accounts.helpers import log_in_verified

URL = "/observatoire/"


def territory_row(response, name: str) -> str:
    table = re.search(r'<table id="tableau-territoire".*?</table>', response.content.decode(), re.DOTALL).group(0)
    row = re.search(rf"<tr[^>]*><th scope=\"row\">{name}</th>(.*?)</tr>", table, re.DOTALL)
    return row.group(1) if row else ""


def cells(row_html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td>(.*?)</td>", row_html)]


def test_anyone_sees_the_published_indicators_without_logging_in(client, add_records):
    add_records(40)
    response = client.get(URL)
    assert response.status_code == 200
    assert "40 signalements au total" in response.content.decode()
    assert '<svg class="chart"' in response.content.decode()


def test_small_counts_are_hidden_from_the_public(client, add_records):
    add_records(40)
    add_records(30, departement="75", region="11")
    add_records(3, departement="13", region="93")
    row = territory_row(client.get(URL), "Bouches-du-Rhône")
    assert cells(row) and all(value in ("s", "0") for value in cells(row))
    assert "3" not in cells(row)


def test_no_hidden_count_can_be_recomputed_from_the_published_tables_together(client, add_records):
    """By territory and by month both publish counts by domain: an attacker combines them."""
    import csv
    import io

    from tests.observatory.attack import PublishedGrid, recover_by_subtraction

    add_records(40)
    add_records(30, departement="75", region="11", domain="emploi_prive")
    add_records(3, departement="13", region="93")
    add_records(12, departement="13", region="93", domain="emploi_prive")
    add_records(2, departement="69", region="84", domain="sante")

    def grid(name, row_key):
        rows = list(csv.DictReader(io.StringIO(client.get(f"/observatoire/export/{name}.csv").content.decode("utf-8-sig")), delimiter=";"))
        return PublishedGrid(rows, row_key=row_key, col_key="domain")

    tables = [grid("par-territoire", "departement"), grid("par-mois", "month")]
    assert any(v is None for t in tables for v in t.published().values())
    assert recover_by_subtraction(tables) == {}


def test_filters_narrow_the_period_territory_and_channel(client, add_records):
    add_records(20)
    add_records(25, channel="phone")
    add_records(30, departement="75", region="11")
    assert "25 signalements au total" in client.get(URL, {"canal": "phone"}).content.decode()
    assert "30 signalements au total" in client.get(URL, {"territoire": "75"}).content.decode()
    assert "45 signalements au total" in client.get(URL, {"territoire": "r52"}).content.decode()
    assert "\n0 signalements au total" in client.get(URL, {"debut": "2001-01", "fin": "2001-12"}).content.decode()


def test_malformed_filters_fall_back_to_the_defaults(client, add_records):
    add_records(20)
    response = client.get(URL, {"debut": "2026-13", "territoire": "<script>", "canal": "fax"})
    assert response.status_code == 200
    assert "20 signalements au total" in response.content.decode()


def test_a_coordinator_sees_exact_small_counts_of_their_territory(client, add_records, coordinator):
    add_records(3)
    log_in_verified(client, coordinator)
    html = client.get(URL).content.decode()
    assert "3 signalements au total" in html
    assert "sans secret statistique" in html


def test_a_team_member_sees_their_territory_only(client, add_records, adviser):
    add_records(20)
    add_records(30, departement="75", region="11")
    log_in_verified(client, adviser)  # Ville de Nantes: Loire-Atlantique
    assert "20 signalements au total" in client.get(URL).content.decode()
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
