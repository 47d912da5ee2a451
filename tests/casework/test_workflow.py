"""The workflow: allowed transitions, closing with an outcome, reopening, first answer."""

import pytest
from django.core.exceptions import ValidationError

from recours.casework import signals
from recours.casework.models import Outcome, Status
from recours.casework.services import case_close, case_reopen, case_reply, case_status_set
from recours.core.models import AuditEvent
from tests.factories import NANTES
from tests.intake.walk import page


def test_a_case_goes_from_new_to_in_progress_to_information_given(adviser, make_case):
    case, _ = make_case(**NANTES)
    case_status_set(case=case, status=Status.IN_PROGRESS, actor=adviser)
    case_status_set(case=case, status=Status.INFORMATION_GIVEN, actor=adviser)
    case.refresh_from_db()
    assert case.status == Status.INFORMATION_GIVEN and case.status_changed_by == adviser


def test_closing_through_the_status_list_is_refused(adviser, make_case):
    case, _ = make_case(**NANTES)
    with pytest.raises(ValidationError) as error:
        case_status_set(case=case, status=Status.CLOSED, actor=adviser)
    assert "Clore le dossier" in str(error.value)


def test_a_closed_case_changes_status_only_by_reopening(adviser, make_case):
    case, _ = make_case(**NANTES)
    case = case_close(case=case, outcome=Outcome.INFORMATION, actor=adviser)
    with pytest.raises(ValidationError) as error:
        case_status_set(case=case, status=Status.IN_PROGRESS, actor=adviser)
    assert "rouvrez-le" in str(error.value)


def test_an_answered_case_cannot_go_back_to_new(adviser, make_case):
    case, _ = make_case(**NANTES)
    case_status_set(case=case, status=Status.ORIENTED, actor=adviser)
    with pytest.raises(ValidationError) as error:
        case_status_set(case=case, status=Status.NEW, actor=adviser)
    assert "ne peut pas passer" in str(error.value)


def test_closing_records_the_outcome_and_the_date(console, adviser, make_case):
    case, _ = make_case(**NANTES)
    response = console.post(f"/console/dossiers/{case.reference}/clore/", {"outcome": Outcome.ORIENTATION})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.CLOSED and case.outcome == "orientation" and case.closed_at is not None
    event = AuditEvent.objects.get(case_id=case.pk, action="case.status", detail__after="closed")
    assert event.actor == adviser and event.detail["outcome"] == "orientation"
    assert "issue : orientation vers une structure" in page(console.get(f"/console/dossiers/{case.reference}/"))


def test_closing_without_an_outcome_is_refused(console, make_case):
    case, _ = make_case(**NANTES)
    response = console.post(f"/console/dossiers/{case.reference}/clore/", {"outcome": ""})
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.status == Status.NEW and case.closed_at is None


def test_a_closed_case_cannot_be_closed_twice(adviser, make_case):
    case, _ = make_case(**NANTES)
    case_close(case=case, outcome=Outcome.INFORMATION, actor=adviser)
    with pytest.raises(ValidationError):
        case_close(case=case, outcome=Outcome.NO_FOLLOW_UP, actor=adviser)


def test_case_closed_is_sent_once_committed(adviser, make_case, django_capture_on_commit_callbacks):
    case, _ = make_case(**NANTES)
    received = []

    def receiver(sender, *, case, actor, **kwargs):
        received.append((case.pk, case.outcome, actor))

    signals.case_closed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            case_close(case=case, outcome=Outcome.REFERRAL, actor=adviser)
    finally:
        signals.case_closed.disconnect(receiver)
    assert received == [(case.pk, "referral", adviser)]


def test_reopening_clears_the_outcome_and_keeps_the_history(console, adviser, make_case):
    case, _ = make_case(**NANTES)
    case_close(case=case, outcome=Outcome.INFORMATION, actor=adviser)
    response = console.post(f"/console/dossiers/{case.reference}/rouvrir/")
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS and case.outcome == "" and case.closed_at is None
    event = AuditEvent.objects.filter(case_id=case.pk, action="case.status").last()
    assert event.detail["reopened"] is True and event.detail["previous_outcome"] == "information"
    assert "dossier rouvert" in page(console.get(f"/console/dossiers/{case.reference}/"))


def test_only_a_closed_case_can_be_reopened(adviser, make_case):
    case, _ = make_case(**NANTES)
    with pytest.raises(ValidationError):
        case_reopen(case=case, actor=adviser)


def test_the_first_adviser_reply_sets_first_answer_at_once(adviser, make_case):
    case, _ = make_case(**NANTES)
    case_reply(case=case, body="Bonjour", actor=adviser, followup_url="http://x/suivi/")
    case.refresh_from_db()
    first = case.first_answer_at
    assert first is not None
    case_reply(case=case, body="Encore", actor=adviser, followup_url="http://x/suivi/")
    case.refresh_from_db()
    assert case.first_answer_at == first


def test_the_status_list_offers_only_the_allowed_moves(console, make_case):
    case, _ = make_case(**NANTES)
    text = console.get(f"/console/dossiers/{case.reference}/").content.decode()
    status_select = text[text.index('id="status_status"'):]
    status_select = status_select[: status_select.index("</select>")]
    assert 'value="in_progress"' in status_select
    assert 'value="closed"' not in status_select and 'value="new"' not in status_select


def test_closing_stops_the_wait_and_reopening_restarts_it(adviser, make_case):
    case, _ = make_case(**NANTES)
    assert case.waiting_since is not None
    case_close(case=case, outcome=Outcome.NO_FOLLOW_UP, actor=adviser)
    case.refresh_from_db()
    assert case.waiting_since is None
    case_reopen(case=case, actor=adviser)
    case.refresh_from_db()
    assert case.waiting_since == case.created_at  # no reply yet: it waits since it came in


def test_the_migration_fills_the_wait_from_the_messages(adviser, make_case):
    from recours.casework.models import Case, Message
    from recours.casework.services import message_add_by_person
    from recours.casework.waiting import waiting_recompute_from_messages

    case, _ = make_case(**NANTES)
    case_reply(case=case, body="Bonjour", actor=adviser, followup_url="http://x/suivi/")
    message = message_add_by_person(case=case, body="Merci, voici la suite.")
    Case.objects.filter(pk=case.pk).update(last_person_message_at=None, last_adviser_message_at=None, waiting_since=None)
    waiting_recompute_from_messages(Case.objects.filter(pk=case.pk), Message)
    case.refresh_from_db()
    assert case.waiting_since == message.created_at


def test_closing_sends_a_recap_mail_without_the_situation_to_a_person_who_agreed(
    console, make_case, django_capture_on_commit_callbacks
):
    from django.core import mail

    case, _ = make_case(contact={"email": "personne@example.org"}, notify_by_email=True,
                        narrative="Mon employeur Martin m'a refusé le poste à cause de mon fauteuil.", **NANTES)
    with django_capture_on_commit_callbacks(execute=True):
        console.post(f"/console/dossiers/{case.reference}/clore/", {"outcome": Outcome.ORIENTATION})
    [recap] = mail.outbox
    assert recap.to == ["personne@example.org"]
    assert "terminé" in recap.subject
    assert "orienté·e vers une structure" in recap.body and "http://testserver/suivi/" in recap.body
    assert "Martin" not in recap.body and "fauteuil" not in recap.body
    assert AuditEvent.objects.filter(case_id=case.pk, action="mail.queued", detail__kind="case.recap").exists()


def test_no_recap_mail_for_a_person_who_did_not_agree(console, make_case, django_capture_on_commit_callbacks):
    from django.core import mail

    case, _ = make_case(contact={"email": "personne@example.org"}, notify_by_email=False, **NANTES)
    with django_capture_on_commit_callbacks(execute=True):
        console.post(f"/console/dossiers/{case.reference}/clore/", {"outcome": Outcome.INFORMATION})
    assert mail.outbox == []
