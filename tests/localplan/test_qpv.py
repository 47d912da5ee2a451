"""The priority neighbourhoods: the operator's CSV (command and console), refused with reasons
when malformed, and the case panel where an adviser records the QPV of a situation."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from recours.core.models import AuditEvent
from recours.localplan.models import CaseQpv, Qpv

MALFORMED = "code;nom\nQN04401M;Bellevue\nXX12;Nulle part\nQN04402M\nQN04401M;Bellevue bis\nQN04403M;\n"


def test_the_command_imports_the_list_and_renames(tmp_path, db):
    path = tmp_path / "qpv.csv"
    path.write_text("code;nom\nQN04401M;Bellevue\nQN04402M;Malakoff\n", encoding="utf-8")
    call_command("qpv_import", str(path))
    path.write_text("code,nom\nQN04401M,Bellevue - Chantenay\nQN04403M,Dervallières\n", encoding="utf-8")
    call_command("qpv_import", str(path))
    assert dict(Qpv.objects.values_list("code", "name")) == {
        "QN04401M": "Bellevue - Chantenay", "QN04402M": "Malakoff", "QN04403M": "Dervallières",
    }


def test_the_command_refuses_a_malformed_file_with_every_reason(tmp_path, db):
    path = tmp_path / "qpv.csv"
    path.write_text(MALFORMED, encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        call_command("qpv_import", str(path))
    message = str(refused.value)
    assert "Ligne 3 : code « XX12 » invalide" in message
    assert "Ligne 4 : deux colonnes attendues, 1 trouvées." in message
    assert "Ligne 5 : code QN04401M en double." in message
    assert "Ligne 6 : nom absent ou trop long." in message
    assert not Qpv.objects.exists()  # nothing imported


def test_a_file_without_the_header_is_refused(tmp_path, db):
    path = tmp_path / "qpv.csv"
    path.write_text("QN04401M;Bellevue\n", encoding="utf-8")
    with pytest.raises(CommandError, match="en-tête"):
        call_command("qpv_import", str(path))


def test_a_coordinator_imports_from_the_console(coordinator_console):
    upload = SimpleUploadedFile("qpv.csv", b"code;nom\nQN04401M;Bellevue\n", content_type="text/csv")
    response = coordinator_console.post("/console/plan-local/quartiers/", {"file": upload})
    assert response.status_code == 302 and Qpv.objects.filter(code="QN04401M").exists()
    assert AuditEvent.objects.filter(action="localplan.qpv_import").exists()
    assert "QN04401M — Bellevue" in coordinator_console.get("/console/plan-local/quartiers/").content.decode()


def test_the_console_shows_the_reasons_of_a_refusal(coordinator_console):
    upload = SimpleUploadedFile("qpv.csv", MALFORMED.encode(), content_type="text/csv")
    response = coordinator_console.post("/console/plan-local/quartiers/", {"file": upload})
    page = response.content.decode()
    assert response.status_code == 400 and not Qpv.objects.exists()
    assert "Ligne 3 : code « XX12 » invalide" in page and "Ligne 6 : nom absent ou trop long." in page


def test_an_adviser_cannot_import(console):
    upload = SimpleUploadedFile("qpv.csv", b"code;nom\nQN04401M;Bellevue\n", content_type="text/csv")
    assert console.post("/console/plan-local/quartiers/", {"file": upload}).status_code == 403
    assert not Qpv.objects.exists()


def test_the_case_panel_records_the_qpv(console, case_in_year, qpvs):
    case = case_in_year()
    page = console.get(f"/console/dossiers/{case.reference}/").content.decode()
    assert 'id="qpv"' in page and "Bellevue (QN04401M)" in page
    response = console.post(f"/console/plan-local/dossiers/{case.reference}/qpv/", {"qpv": "QN04401M"})
    assert response.status_code == 302 and response["Location"] == f"/console/dossiers/{case.reference}/"
    assert CaseQpv.objects.get(case=case).qpv.code == "QN04401M"
    assert AuditEvent.objects.filter(case_id=case.pk, action="localplan.case_qpv").exists()
    page = console.get(f"/console/dossiers/{case.reference}/").content.decode()
    assert '<option value="QN04401M" selected>' in page
    console.post(f"/console/plan-local/dossiers/{case.reference}/qpv/", {"qpv": ""})
    assert not CaseQpv.objects.filter(case=case).exists()


def test_an_unknown_qpv_is_refused(console, case_in_year, qpvs):
    case = case_in_year()
    console.post(f"/console/plan-local/dossiers/{case.reference}/qpv/", {"qpv": "QN99999M"})
    assert not CaseQpv.objects.exists()


def test_no_panel_until_the_list_is_imported(console, case_in_year):
    case = case_in_year()
    assert 'id="qpv"' not in console.get(f"/console/dossiers/{case.reference}/").content.decode()
