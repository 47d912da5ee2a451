"""Import of data·inclusion exports and of our CSV template: all or nothing, reasons per row."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from recours.directory.imports import directory_import
from recours.directory.models import Service, ServiceZone, Structure
from recours.directory.selectors import directory_search, place_from_postal_code

DATA = Path(__file__).parent / "data"
TEMPLATE = Path(__file__).resolve().parents[2] / "recours" / "directory" / "data" / "modele_annuaire.csv"


def reasons(report) -> dict[str, dict]:
    return {r.id: r.errors for r in report.rejected}


def test_a_data_inclusion_export_in_two_files_imports(db):
    report = directory_import(DATA / "services.json", structures_source=DATA / "structures.json")
    assert report.written and report.rejected == []
    assert (report.counts.structures_created, report.counts.services_created) == (10, 15)
    service = Service.objects.get(di_id="dora--v001")
    assert service.structure.nom == "Maison des droits de Nantes"
    assert set(ServiceZone.objects.filter(service=service).values_list("code", flat=True)) == {"departement:44"}
    assert service.date_maj.isoformat() == "2026-10-15"


def test_every_malformed_row_is_reported_and_nothing_is_half_imported(db):
    report = directory_import(DATA / "services_malformed.json", structures_source=DATA / "structures_malformed.json")
    found = reasons(report)
    assert not report.written
    assert Structure.objects.count() == 0 and Service.objects.count() == 0
    assert "commune inconnue : 99999" in found["dora--bad1"]["code_insee"]
    assert "nom" in found["dora--bad2"]
    assert "hors limites" in found["dora--bad3"]["latitude"]
    assert "ensemble" in found["dora--bad4"]["latitude"]
    assert "ZZ" in found["dora--bad5"]["zone_eligibilite"]
    assert "couleur_des_yeux" in found["dora--bad6"]["criteres"]
    assert "horaires" in found["dora--bad7"]["horaires_accueil"]
    assert "structure inconnue" in found["dora--bad8"]["structure_id"]
    assert "en double" in found["dora--v003"]["id"]
    assert "siret" in found["dora--sbad"]
    assert len(report.rejected) == 10
    assert all(r.where.startswith("élément ") for r in report.rejected)


def test_partial_imports_the_valid_rows_only(db):
    report = directory_import(
        DATA / "services_malformed.json", structures_source=DATA / "structures_malformed.json", partial=True
    )
    assert report.written and len(report.rejected) == 10
    assert Service.objects.count() == 15 and Structure.objects.count() == 10
    assert Service.objects.get(di_id="dora--v003").nom == "Permanence juridique de Saint-Herblain"  # the first one wins


def test_a_second_import_updates_and_duplicates_nothing(db, tmp_path):
    directory_import(DATA / "services.json", structures_source=DATA / "structures.json")
    services = json.loads((DATA / "services.json").read_text())
    services[0]["nom"] = "Permanence juridique de Nantes (nouveaux horaires)"
    services[0]["zone_eligibilite"] = ["44", "49"]
    changed = tmp_path / "services.json"
    changed.write_text(json.dumps(services), encoding="utf-8")
    report = directory_import(changed, structures_source=DATA / "structures.json")
    assert (report.counts.services_created, report.counts.services_updated) == (0, 15)
    assert (report.counts.structures_created, report.counts.structures_updated) == (0, 10)
    assert Service.objects.count() == 15 and Structure.objects.count() == 10
    service = Service.objects.get(di_id="dora--v001")
    assert service.nom.endswith("(nouveaux horaires)")
    assert sorted(service.zones.values_list("code", flat=True)) == ["departement:44", "departement:49"]
    assert ServiceZone.objects.count() == 16


def test_a_csv_export_imports_with_its_lists(db):
    directory_import(DATA / "structures.json")
    report = directory_import(DATA / "services.csv", partial=True)
    assert report.counts.services_created == 15
    assert {r.where for r in report.rejected} == {"ligne 17", "ligne 18", "ligne 19"}
    service = Service.objects.get(di_id="dora--v011")
    assert service.criteres == ["origine", "religion"] and service.modes_accueil == ["en-presentiel"]


def test_the_template_a_local_team_fills_imports_and_is_found(db):
    report = directory_import(TEMPLATE, source_name="Ville de Nantes")
    assert report.rejected == [] and report.counts.structures_created == 1 and report.counts.services_created == 2
    again = directory_import(TEMPLATE, source_name="Ville de Nantes")
    assert again.counts.services_updated == 2 and Service.objects.count() == 2
    service = Service.objects.get(di_id="ville-de-nantes--ecoute-logement")
    assert service.domaines == ["logement"] and service.types_aide == ["ecoute", "test-de-situation"]
    found = directory_search(place=place_from_postal_code("44400"), criteria=["origine"], domain="logement")
    assert "Écoute logement" in [r.service.nom for r in found.local]


def test_the_template_needs_a_source(db):
    from recours.directory.imports import ImportFileError

    with pytest.raises(ImportFileError):
        directory_import(TEMPLATE)


def test_the_command_reports_rejected_rows_and_fails(db, capsys):
    with pytest.raises(CommandError) as error:
        call_command("directory_import", str(DATA / "services_malformed.json"),
                     "--structures", str(DATA / "structures_malformed.json"))
    out = capsys.readouterr().out
    assert error.value.returncode == 2
    assert "REJETÉE élément 16 (dora--bad1) — code_insee : commune inconnue : 99999" in out
    assert "Rien n'est importé" in out and Service.objects.count() == 0


def test_the_command_imports_a_clean_file(db, capsys):
    call_command("directory_import", str(DATA / "services.json"), "--structures", str(DATA / "structures.json"))
    out = capsys.readouterr().out
    assert "Services : 15 créés, 0 mis à jour." in out


def test_a_dry_run_writes_nothing(db):
    report = directory_import(DATA / "services.json", structures_source=DATA / "structures.json", dry_run=True)
    assert not report.written and report.rejected == [] and Service.objects.count() == 0
