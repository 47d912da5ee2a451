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
    assert all(r["effectif"] in ("", "0") or int(r["effectif"]) >= 11 for r in rows)


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


# --- spreadsheet formulas (issue 15, item 9) and caches (item 13) ---------------------------------

FORMULA = '=HYPERLINK("http://x","y")'


def test_an_approved_excerpt_that_looks_like_a_formula_is_exported_as_text(client, add_records, coordinator):
    add_records(1, excerpt=FORMULA)
    add_records(1, excerpt="-2+3")
    add_records(1, excerpt="@SUM(A1:A2)")
    add_records(1, excerpt="\tcmd")
    log_in_verified(client, coordinator)
    excerpts = {r["excerpt"] for r in csv_rows(client.get("/observatoire/export/fiches.csv"))}
    assert excerpts == {"'" + FORMULA, "'-2+3", "'@SUM(A1:A2)", "'\tcmd"}
    assert not any(e.startswith(("=", "+", "-", "@", "\t", "\r")) for e in excerpts)


def test_every_table_export_neutralises_a_label_that_looks_like_a_formula(client, add_records):
    """Codes come from reference lists, but a label is text: every export goes through the guard."""
    add_records(20, domain="=1+1", criteria=["+cmd"], outcome="@x")
    add_records(20, departement="75", region="11")
    for name in ("par-mois", "par-territoire", "par-suite", "par-critere"):
        body = client.get(f"/observatoire/export/{name}.csv").content.decode("utf-8-sig")
        cells = [cell for line in body.splitlines() for cell in line.split(";")]
        assert not any(cell.lstrip('"').startswith(("=", "+", "@")) for cell in cells), name


def test_counts_stay_numbers_in_the_csv(client, add_records, coordinator):
    add_records(3)
    log_in_verified(client, coordinator)
    rows = csv_rows(client.get("/observatoire/export/par-mois.csv"))
    assert {r["effectif"] for r in rows} <= {"0", "3"}


def test_every_export_is_kept_out_of_caches(client, add_records, coordinator):
    add_records(20)
    paths = [f"/observatoire/export/{name}.{fmt}" for name in ("par-mois", "par-territoire", "par-suite", "par-critere")
             for fmt in ("csv", "parquet")]
    for path in paths:
        assert "no-store" in client.get(path)["Cache-Control"], path
    assert "no-store" in client.get("/observatoire/export/fiches.csv")["Cache-Control"]  # the refusal too
    log_in_verified(client, coordinator)
    for path in [*paths, "/observatoire/export/fiches.csv", "/observatoire/export/fiches.parquet"]:
        assert "no-store" in client.get(path)["Cache-Control"], path
