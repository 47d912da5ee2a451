"""National coordinators import a data·inclusion export from the console: a preview lists every
rejected row with its reasons and writes nothing until confirmed. The directory exports itself
in data·inclusion format (JSON and CSV), which an import reads back."""

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from recours.accounts.models import Role
from recours.directory.imports import directory_import
from recours.directory.models import Service, Structure
from tests.accounts.helpers import log_in_verified
from tests.intake.walk import page

DATA = Path(__file__).parent / "data"
URL = "/console/annuaire/import/"


@pytest.fixture
def national(client, teams, make_staff):  # noqa: F811
    user, _ = make_staff("coordination.nationale", teams["national"], role=Role.COORDINATOR)
    log_in_verified(client, user)
    return client


def upload(client, name: str, content: bytes):
    return client.post(URL, {"action": "preview", "file": SimpleUploadedFile(name, content)})


def test_the_preview_of_a_malformed_file_shows_each_reason_and_writes_nothing(national):
    response = upload(national, "services.json", (DATA / "services_malformed.json").read_bytes())
    text = page(response)
    assert "Aperçu : rien n'a été écrit" in text and 'id="rejected-rows"' in text
    assert text.count("<tr><td>élément") >= 1
    assert not Service.objects.exists() and not Structure.objects.exists()


def test_nothing_is_written_until_confirmed_then_the_file_is(national):
    upload(national, "structures.json", (DATA / "structures.json").read_bytes())
    assert not Structure.objects.exists()
    response = national.post(URL, {"action": "confirm"})
    assert response.status_code == 302
    assert Structure.objects.filter(di_id="dora--s001").exists()


def test_a_file_with_rejected_rows_is_not_written_unless_partial_is_asked(national):
    upload(national, "services.json", (DATA / "services_malformed.json").read_bytes())
    assert national.post(URL, {"action": "confirm"}).status_code == 400
    assert not Service.objects.exists()


def test_cancel_forgets_the_pending_file(national):
    upload(national, "structures.json", (DATA / "structures.json").read_bytes())
    national.post(URL, {"action": "cancel"})
    assert national.post(URL, {"action": "confirm"}).status_code == 302
    assert not Structure.objects.exists()


def test_only_the_national_coordination_imports(client, teams, make_staff, console):  # noqa: F811
    user, _ = make_staff("coordination.nantes", teams["nantes"], role=Role.COORDINATOR)
    log_in_verified(client, user)
    assert client.get(URL).status_code == 403
    assert console.get(URL).status_code == 403


def test_the_export_is_read_back_by_an_import(client, db):
    directory_import(DATA / "services.json", structures_source=DATA / "structures.json")
    before = set(Service.objects.values_list("di_id", flat=True))
    for fmt in ("json", "csv"):
        structures = client.get(f"/annuaire/export/structures.{fmt}").content
        services = client.get(f"/annuaire/export/services.{fmt}").content
        if fmt == "json":
            assert {s["id"] for s in json.loads(services)} == before
        Service.objects.all().delete()
        Structure.objects.all().delete()
        first = directory_import(structures, name=f"structures.{fmt}")
        second = directory_import(services, name=f"services.{fmt}")
        assert not first.rejected and not second.rejected, (fmt, first.rejected[:2], second.rejected[:2])
        assert set(Service.objects.values_list("di_id", flat=True)) == before


def test_unknown_exports_are_404(client, db):
    assert client.get("/annuaire/export/teams.json").status_code == 404
    assert client.get("/annuaire/export/services.xml").status_code == 404


def test_the_api_exports_the_directory_too(client, db):
    directory_import(DATA / "services.json", structures_source=DATA / "structures.json")
    services = client.get("/api/v1/directory/export/services").json()
    assert {s["id"] for s in services} == set(Service.objects.values_list("di_id", flat=True))
    assert client.get("/api/v1/directory/export/teams").status_code == 422


def test_the_operators_file_is_imported_on_schedule_all_or_nothing(db, settings):
    from recours.directory.jobs import directory_scheduled_import

    settings.RECOURS_DIRECTORY_IMPORT_FILE = str(DATA / "services_malformed.json")
    settings.RECOURS_DIRECTORY_IMPORT_STRUCTURES_FILE = str(DATA / "structures.json")
    assert directory_scheduled_import().startswith("nothing written")
    assert not Service.objects.exists()
    settings.RECOURS_DIRECTORY_IMPORT_FILE = str(DATA / "services.json")
    assert "services +" in directory_scheduled_import()
    assert Service.objects.exists()


def test_the_scheduled_import_is_a_periodic_job():
    from recours.core.periodic import jobs_discover

    assert "directory.import" in jobs_discover()
