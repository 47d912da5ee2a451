"""Another team's case and its files cannot be reached through any console URL."""

import pytest

from recours.casework.services import attachment_create
from recours.core.models import AuditEvent
from tests.factories import NANTES, PARIS
from tests.intake.files import PDF


def test_another_teams_case_file_is_a_404(console, make_case):
    theirs, _ = make_case(**PARIS)
    assert console.get(f"/console/dossiers/{theirs.reference}/").status_code == 404
    assert not AuditEvent.objects.filter(case_id=theirs.pk).exists()


@pytest.mark.parametrize("action", ["repondre", "note", "statut", "attribuer"])
def test_no_action_reaches_another_teams_case(console, make_case, action):
    theirs, _ = make_case(**PARIS)
    response = console.post(
        f"/console/dossiers/{theirs.reference}/{action}/", {"body": "x", "status": "closed", "assignee": "moi"}
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "new" and theirs.assigned_to is None
    assert not theirs.messages.exists() and not theirs.notes.exists()


def test_another_teams_attachment_is_a_404_even_through_a_visible_case(console, make_case):
    mine, _ = make_case(**NANTES)
    file = attachment_create(name="refus.pdf", data=PDF)
    theirs, _ = make_case(attachment_ids=(file.pk,), **PARIS)
    assert console.get(f"/console/dossiers/{theirs.reference}/pieces/{file.pk}/").status_code == 404
    assert console.get(f"/console/dossiers/{mine.reference}/pieces/{file.pk}/").status_code == 404


def test_an_attachment_of_a_visible_case_is_downloaded_and_the_download_audited(console, adviser, make_case):
    file = attachment_create(name="refus.pdf", data=PDF)
    case, _ = make_case(attachment_ids=(file.pk,), **NANTES)
    response = console.get(f"/console/dossiers/{case.reference}/pieces/{file.pk}/")
    assert response.status_code == 200
    assert response.content == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert AuditEvent.objects.filter(case_id=case.pk, action="attachment.download", actor=adviser).exists()


def test_a_case_file_needs_a_verified_staff_login(client, make_case):
    case, _ = make_case(**NANTES)
    assert client.get(f"/console/dossiers/{case.reference}/").status_code == 302
