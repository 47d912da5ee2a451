"""The case file shows what the person told, escaped, and records each reading."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from recours.core.models import AuditEvent
from tests.factories import NANTES
from tests.intake.walk import page


def test_reading_a_case_file_records_an_audit_event(console, adviser, make_case):
    case, _ = make_case(**NANTES)
    response = console.get(f"/console/dossiers/{case.reference}/")
    assert response.status_code == 200
    event = AuditEvent.objects.get(case_id=case.pk, action="case.view")
    assert event.actor == adviser
    assert "Dossier consulté" in console.get(f"/console/dossiers/{case.reference}/").content.decode()


def test_reading_a_case_file_writes_nothing_but_the_audit_of_the_read(console, make_case):
    case, _ = make_case(**NANTES)
    with CaptureQueriesContext(connection) as queries:
        assert console.get(f"/console/dossiers/{case.reference}/").status_code == 200
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    writes = [sql for sql in writes if "django_session" not in sql]
    assert len(writes) == 1 and "core_auditevent" in writes[0]


def test_the_audit_trail_holds_no_personal_text(console, make_case):
    case, _ = make_case(narrative="Récit très personnel", contact={"email": "personne@example.org"}, **NANTES)
    console.get(f"/console/dossiers/{case.reference}/")
    console.post(f"/console/dossiers/{case.reference}/note/", {"body": "Note confidentielle"})
    trail = repr(list(AuditEvent.objects.filter(case_id=case.pk).values("detail")))
    assert "personnel" not in trail and "example.org" not in trail and "confidentielle" not in trail


def test_a_case_file_escapes_a_narrative_containing_a_script(console, make_case):
    case, _ = make_case(narrative='Bonjour <script>alert("x")</script>', **NANTES)
    text = console.get(f"/console/dossiers/{case.reference}/").content.decode()
    assert "<script>alert" not in text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in text


def test_a_case_file_shows_the_grounds_the_criteria_with_their_legal_source_and_the_contact(console, make_case):
    case, _ = make_case(contact={"email": "personne@example.org"}, notify_by_email=True, **NANTES)
    text = console.get(f"/console/dossiers/{case.reference}/").content.decode()
    criterion = case.reported_criteria.get()
    assert criterion.label in text and criterion.legal_source in text
    assert case.plain_grounds.get().label in text
    assert "personne@example.org" in text
    assert "On m&#x27;a refusé la visite" in text


def test_a_case_without_contact_says_so(console, make_case):
    case, _ = make_case(**NANTES)
    assert "La personne n'a pas laissé de contact." in page(console.get(f"/console/dossiers/{case.reference}/"))
