"""An adviser reviews the scrubbed excerpt before it joins the anonymised record."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from recours.core.models import AuditEvent
from recours.observatory.models import ExcerptReview, ReviewStatus, Stage
from recours.observatory.services import record_save_for_case
from tests.accounts.helpers import log_in_verified

NARRATIVE = "Je m'appelle Karim Benali. L'agence du 12 rue de la Paix m'a refusé un T2, appelez-moi au 06 12 34 56 78."


def pending_review(closed_case):
    case = closed_case(narrative=NARRATIVE)
    record_save_for_case(case=case, stage=Stage.CLOSED)
    return ExcerptReview.objects.get(case=case)


def test_the_review_page_shows_the_scrubbed_text_and_is_audited(console, closed_case, adviser):
    review = pending_review(closed_case)
    html = console.get(f"/console/observatoire/extraits/{review.pk}/").content.decode()
    assert "[NOM]" in html and "[ADRESSE]" in html and "[TÉLÉPHONE]" in html
    assert "Benali" not in html and "06 12 34 56 78" not in html
    assert AuditEvent.objects.filter(case_id=review.case_id, action="observatory.excerpt_read", actor=adviser).exists()


def test_opening_a_review_writes_nothing_but_the_audit_of_the_read(console, closed_case):
    review = pending_review(closed_case)
    with CaptureQueriesContext(connection) as queries:
        assert console.get(f"/console/observatoire/extraits/{review.pk}/").status_code == 200
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    writes = [sql for sql in writes if "django_session" not in sql and "core_ratelimit" not in sql]
    assert len(writes) == 1 and "core_auditevent" in writes[0]


def test_pending_reviews_of_the_team_are_listed(console, closed_case):
    review = pending_review(closed_case)
    assert review.case.reference in console.get("/console/observatoire/extraits/").content.decode()


def test_the_approved_text_as_corrected_joins_the_record(console, closed_case):
    review = pending_review(closed_case)
    response = console.post(
        f"/console/observatoire/extraits/{review.pk}/",
        {"excerpt": "L'agence m'a refusé un T2 à cause de mon nom.", "decision": "approve"},
    )
    assert response.status_code == 302
    review.refresh_from_db()
    review.record.refresh_from_db()
    assert review.status == ReviewStatus.APPROVED
    assert review.record.excerpt == "L'agence m'a refusé un T2 à cause de mon nom."


def test_a_rejected_excerpt_leaves_the_record_without_text(console, closed_case):
    review = pending_review(closed_case)
    console.post(f"/console/observatoire/extraits/{review.pk}/", {"decision": "reject"})
    review.refresh_from_db()
    assert review.status == ReviewStatus.REJECTED and review.record.excerpt == ""


def test_an_empty_approved_excerpt_is_refused(console, closed_case):
    review = pending_review(closed_case)
    response = console.post(f"/console/observatoire/extraits/{review.pk}/", {"excerpt": "  ", "decision": "approve"})
    assert response.status_code == 400
    review.refresh_from_db()
    assert review.status == ReviewStatus.PENDING


def test_another_teams_adviser_cannot_read_or_approve_an_excerpt(client, closed_case, teams, make_staff):
    review = pending_review(closed_case)  # a case of Nantes
    other, _ = make_staff("conseiller.paris", teams["paris"])
    log_in_verified(client, other)
    assert client.get(f"/console/observatoire/extraits/{review.pk}/").status_code == 404
    assert client.post(f"/console/observatoire/extraits/{review.pk}/", {"excerpt": "x", "decision": "approve"}).status_code == 404
    assert review.case.reference not in client.get("/console/observatoire/extraits/").content.decode()
    review.refresh_from_db()
    assert review.status == ReviewStatus.PENDING


def test_the_public_cannot_reach_the_review_screens(client, closed_case):
    review = pending_review(closed_case)
    assert client.get(f"/console/observatoire/extraits/{review.pk}/").status_code in (302, 403)
    assert client.get("/console/observatoire/extraits/").status_code in (302, 403)
