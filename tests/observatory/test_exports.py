"""Exports: CSV and Parquet of each table with the dashboard's suppression; records for coordinators."""

import csv
import io

import pyarrow.parquet as pq

from tests.accounts.helpers import log_in_verified


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_a_table_export_hides_what_the_dashboard_hides(client, add_records):
    add_records(40)
    add_records(30, departement="75", region="11")
    add_records(3, departement="13", region="93")
    rows = csv_rows(client.get("/observatoire/export/par-territoire.csv"))
    marseille = [r for r in rows if r["departement"] == "13"]
    assert marseille and all(r["effectif"] in ("", "0") for r in marseille)
    assert any(r["effectif"] == "" for r in rows if r["departement"] != "13")  # secondary suppression


def test_a_coordinator_export_has_the_exact_counts(client, add_records, coordinator):
    add_records(3)
    log_in_verified(client, coordinator)
    rows = csv_rows(client.get("/observatoire/export/par-territoire.csv"))
    assert {"departement": "44", "domain": "TOTAL", "effectif": "3"}.items() <= next(
        r for r in rows if r["departement"] == "44" and r["domain"] == "TOTAL"
    ).items()


def test_a_parquet_export_reads_back_with_the_same_cells(client, add_records):
    add_records(40)
    add_records(3, channel="phone")
    response = client.get("/observatoire/export/par-mois.parquet")
    assert response["Content-Type"] == "application/vnd.apache.parquet"
    table = pq.read_table(io.BytesIO(response.content)).to_pylist()
    from_csv = csv_rows(client.get("/observatoire/export/par-mois.csv"))
    assert [str(r["effectif"]) if r["effectif"] is not None else "" for r in table] == [r["effectif"] for r in from_csv]


def test_an_unknown_table_or_format_is_not_found(client, db):
    assert client.get("/observatoire/export/par-personne.csv").status_code == 404
    assert client.get("/observatoire/export/par-mois.xlsx").status_code == 404


def test_records_are_exported_to_coordinators_only(client, add_records, adviser, coordinator):
    add_records(2)
    add_records(2, departement="75", region="11")
    assert client.get("/observatoire/export/fiches.csv").status_code == 403
    log_in_verified(client, adviser)
    assert client.get("/observatoire/export/fiches.csv").status_code == 403
    log_in_verified(client, coordinator)
    rows = csv_rows(client.get("/observatoire/export/fiches.csv"))
    assert len(rows) == 2 and {r["departement"] for r in rows} == {"44"}
    table = pq.read_table(io.BytesIO(client.get("/observatoire/export/fiches.parquet").content))
    assert table.num_rows == 2
