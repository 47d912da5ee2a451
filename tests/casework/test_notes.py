"""Internal notes: kept encrypted, shown to the team, never to the person."""

from recours.casework.models import Note
from recours.core.models import AuditEvent
from tests.factories import NANTES
from tests.intake.test_followup import open_followup
from tests.intake.walk import page

NOTE = "Note interne : l'agence a déjà été signalée deux fois."


def test_a_note_is_shown_in_the_case_file_and_never_reaches_the_person(console, adviser, client_factory, make_case):
    case, receipt = make_case(**NANTES)
    response = console.post(f"/console/dossiers/{case.reference}/note/", {"body": NOTE})
    assert response.status_code == 302
    assert Note.objects.get(case=case).author == adviser
    assert NOTE in page(console.get(f"/console/dossiers/{case.reference}/"))
    assert AuditEvent.objects.filter(case_id=case.pk, action="note.add").exists()

    person = client_factory()
    open_followup(person, receipt)
    text = page(person.get("/suivi/"))
    assert "On m'a refusé la visite" in text  # the person's page is the right one
    assert NOTE not in text and "déjà été signalée" not in text


def test_a_note_is_encrypted_at_rest(console, make_case):
    from django.db import connection

    case, _ = make_case(**NANTES)
    console.post(f"/console/dossiers/{case.reference}/note/", {"body": NOTE})
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM casework_note")
        [(stored,)] = cursor.fetchall()
    assert "signalée" not in str(stored)
