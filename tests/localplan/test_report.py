"""The report: exact figures in the console, protected ones in the public version; exports."""

import csv
import io
import re

from recours.localplan import services
from recours.localplan.models import LocalPlanReport
from tests.observatory.conftest import last_month


def cells(html: str) -> list[str]:
    return [cell.strip() for cell in re.findall(r"<td>([^<]*)</td>", html)]


def test_the_console_shows_exact_figures_and_the_public_version_hides_small_ones(
    coordinator_console, coordinator, client_factory, teams, report_year, add_records, case_in_year, qpvs,
):
    add_records(3, domain="emploi", criteria=["age"])  # a small count in the territory
    add_records(20, domain="logement")
    for _ in range(2):
        services.case_qpv_set(case_in_year(), qpvs["QN04401M"], actor=coordinator)
    base = f"/console/plan-local/{teams['nantes'].pk}/{report_year}/"

    console_page = coordinator_console.get(base).content.decode()
    assert "3" in cells(console_page) and "20" in cells(console_page)
    assert "QN04401M — Bellevue" in console_page

    coordinator_console.post(base, {"introduction": "Le plan 2026 de la Ville."})
    coordinator_console.post(base, {"publish": "1"})
    public = client_factory().get(f"/plan-local/{teams['nantes'].pk}/{report_year}/")
    assert public.status_code == 200
    html = public.content.decode()
    assert "Le plan 2026 de la Ville." in html
    published = [int(value) for value in cells(html) if value.isdigit() and value != "0"]
    assert published and all(value >= 11 for value in published)  # never a count below the threshold
    assert "s</abbr>" in html  # the small counts are there, hidden
    # Counts read live from cases would change with a transfer or a purge: never public.
    assert "QN04401M" not in html and 'id="orientations"' not in html
    for case_reference in re.findall(r"[A-Z0-9]{4}-[A-Z0-9]{4}", html):
        raise AssertionError(f"a case reference in the public version: {case_reference}")
    assert client_factory().get("/plan-local/").content.decode().count(f"/plan-local/{teams['nantes'].pk}/") == 1


def test_the_introduction_is_stored_with_its_date(coordinator_console, teams, report_year):
    base = f"/console/plan-local/{teams['nantes'].pk}/{report_year}/"
    assert coordinator_console.post(base, {"introduction": "Première version"}).status_code == 302
    first = LocalPlanReport.objects.get().updated_at
    coordinator_console.post(base, {"introduction": "Seconde version"})
    report = LocalPlanReport.objects.get()
    assert report.introduction == "Seconde version" and report.updated_at >= first
    assert "Seconde version" in coordinator_console.get(base).content.decode()


def test_withdrawing_the_publication_removes_the_public_page(coordinator_console, client_factory, teams, report_year):
    base = f"/console/plan-local/{teams['nantes'].pk}/{report_year}/"
    coordinator_console.post(base, {"publish": "1"})
    assert client_factory().get(f"/plan-local/{teams['nantes'].pk}/{report_year}/").status_code == 200
    coordinator_console.post(base, {"publish": "0"})
    assert client_factory().get(f"/plan-local/{teams['nantes'].pk}/{report_year}/").status_code == 404


def test_the_public_version_names_no_individual_respondent_and_no_file_title(
    coordinator_console, coordinator, client_factory, teams, report_year, case_in_year,
):
    from recours.collective.services import respondent_create

    case = case_in_year()
    respondent_create(nature="individual", kind="landlord", name="Jean Dupuis", case=case, actor=coordinator)
    base = f"/console/plan-local/{teams['nantes'].pk}/{report_year}/"
    coordinator_console.post(base, {"publish": "1"})
    html = client_factory().get(f"/plan-local/{teams['nantes'].pk}/{report_year}/").content.decode()
    assert "Dupuis" not in html and case.reference not in html


def test_the_csv_export_is_safe_and_exact(coordinator_console, teams, report_year, add_records, qpvs, coordinator, case_in_year):
    from recours.core.models import AuditEvent

    add_records(3, domain="emploi")
    services.case_qpv_set(case_in_year(), qpvs["QN04402M"], actor=coordinator)
    response = coordinator_console.get(f"/console/plan-local/{teams['nantes'].pk}/{report_year}/rapport.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode()), delimiter=";"))
    assert {"section": "qpv", "libelle": "QN04402M — Malakoff", "valeur": "1", "taux": ""} in rows
    assert any(row["section"] == "observatoire.by_month" and row["valeur"] == "3" for row in rows)
    assert AuditEvent.objects.filter(action="localplan.export", detail__format="csv").exists()


def test_the_parquet_export(coordinator_console, teams, report_year, add_records):
    import pyarrow.parquet as pq

    add_records(3, domain="emploi")
    response = coordinator_console.get(f"/console/plan-local/{teams['nantes'].pk}/{report_year}/rapport.parquet")
    rows = pq.read_table(io.BytesIO(response.content)).to_pylist()
    assert any(row["section"] == "observatoire.by_month" and row["valeur"] == 3 for row in rows)


def test_the_pdf_export(coordinator_console, teams, report_year):
    response = coordinator_console.get(f"/console/plan-local/{teams['nantes'].pk}/{report_year}/rapport.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_a_campaign_is_public_only_with_enough_usable_tests(coordinator_console, client_factory, teams, report_year):
    created = coordinator_console.post("/console/collectif/campagnes/nouvelle/", {
        "team": teams["nantes"].pk, "title": "Agences de Nantes", "target": "Les agences immobilières de Nantes",
        "criterion": "origine", "profile_a": "Julien Martin", "profile_b": "Karim Benali", "protocol": "Un appel par agence.",
    })
    campaign_url = created["Location"]
    day = f"{report_year}-{last_month().month:02d}-01"
    for _ in range(4):
        coordinator_console.post(f"{campaign_url}tests/", {"tested_on": day, "a_favourable": "1", "b_favourable": "0"})
    base = f"/console/plan-local/{teams['nantes'].pk}/{report_year}/"
    assert "Agences de Nantes" in coordinator_console.get(base).content.decode()
    coordinator_console.post(base, {"publish": "1"})
    public = client_factory().get(f"/plan-local/{teams['nantes'].pk}/{report_year}/").content.decode()
    assert "Agences de Nantes" not in public and "Karim Benali" not in public
    for _ in range(8):
        coordinator_console.post(f"{campaign_url}tests/", {"tested_on": day, "a_favourable": "1", "b_favourable": "0"})
    public = client_factory().get(f"/plan-local/{teams['nantes'].pk}/{report_year}/").content.decode()
    assert "Agences de Nantes" in public and "<td>12</td>" in public
