"""Closed cases are purged on schedule: nothing personal survives, the record and the trail stay."""

import datetime as dt
import io

from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.utils import timezone

from recours.casework.models import Case
from recours.casework.services import message_add_by_adviser, message_add_by_person, note_add
from recours.core.models import AuditEvent
from recours.observatory.models import AnonymisedRecord, ExcerptReview
from recours.observatory.retention import cases_due_for_purge, retention_purge
from tests.dbdump import database_text
from tests.intake.files import PDF  # noqa: F401  (a valid PDF)

NOW = timezone.now()


def models_pointing_at_case():
    """Every model of every app with a foreign key (or one-to-one) to Case."""
    found = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.ForeignKey) and field.related_model is Case:
                found.append((model, field.name))
    return found


def test_the_dry_run_lists_what_would_go_and_deletes_nothing(closed_case):
    old = closed_case(when=NOW - dt.timedelta(days=400))
    closed_case(when=NOW - dt.timedelta(days=10))
    out = io.StringIO()
    call_command("retention_purge", "--dry-run", stdout=out)
    assert old.reference in out.getvalue()
    assert "1 dossier serait supprimé." in out.getvalue()
    assert Case.objects.count() == 2


def test_durations_depend_on_the_outcome(closed_case, settings):
    settings.RECOURS_RETENTION_MONTHS = {"default": 12, "out_of_scope": 3}
    out_of_scope = closed_case(outcome="out_of_scope", when=NOW - dt.timedelta(days=120))
    informed = closed_case(outcome="information", when=NOW - dt.timedelta(days=120))
    due = {item.case_id for item in cases_due_for_purge(now=NOW)}
    if hasattr(Case, "outcome"):
        assert due == {out_of_scope.pk}
    else:  # before casework keeps outcomes, every case has the default duration
        assert informed.pk not in due


def test_open_cases_are_never_purged(make_case):
    case, _ = make_case()
    Case.objects.filter(pk=case.pk).update(created_at=NOW - dt.timedelta(days=3000))
    assert retention_purge(now=NOW) == []
    assert Case.objects.filter(pk=case.pk).exists()


def test_the_purge_removes_every_piece_of_personal_data_and_keeps_the_record(closed_case, adviser):
    case = closed_case(
        narrative="Je suis Karim Benali, mon voisin Zébulon Quintard m'insulte.",
        contact={"name": "Karim Benali", "email": "kb-unique-7731@example.org", "phone": "0612345678"},
        when=NOW - dt.timedelta(days=400),
    )
    message_add_by_person(case=case, body="Message de Zébulon Quintard", uploads=(("preuve.pdf", PDF),))
    message_add_by_adviser(case=case, body="Réponse à Zébulon Quintard", user=adviser)
    note_add(case=case, body="Note sur Zébulon Quintard", author=adviser)
    case_id, reference = case.pk, case.reference
    rows_of_the_case = {
        (model, pk) for model, field in models_pointing_at_case()
        for pk in model._base_manager.filter(**{f"{field}_id": case_id}).values_list("pk", flat=True)
    }
    assert len({model for model, _pk in rows_of_the_case}) >= 3  # messages, attachments, notes at least
    trail_before = set(AuditEvent.objects.filter(case_id=case_id).values_list("pk", flat=True))

    retention_purge(now=NOW)

    assert not Case.objects.filter(pk=case_id).exists()
    for model, field in models_pointing_at_case():
        assert not model.objects.filter(**{f"{field}_id": case_id}).exists(), model.__name__
    for model, pk in rows_of_the_case:  # gone, not merely detached (SET_NULL)
        assert not model._base_manager.filter(pk=pk).exists(), model.__name__
    assert AnonymisedRecord.objects.count() == 1
    assert not ExcerptReview.objects.exists()
    everything = database_text()
    for secret in [reference, "kb-unique-7731", case.receipt_hash]:
        assert secret not in everything
    assert trail_before <= set(AuditEvent.objects.filter(case_id=case_id).values_list("pk", flat=True))
    assert AuditEvent.objects.filter(case_id=case_id, action="case.purge").exists()


def test_a_chat_conversation_that_became_the_case_goes_with_it(closed_case):
    """The chat keeps its link to the case with SET_NULL: the purge must delete it, not detach it."""
    from recours.chat import models as chat

    case = closed_case(when=NOW - dt.timedelta(days=400))
    conversation = chat.Conversation.objects.create(
        team=case.team, visitor_token_hash="f" * 64, waiting_since=NOW, case=case, status="ended",
    )
    chat.ChatMessage.objects.create(conversation=conversation, seq=1, author="visitor", client_id="1",
                                    body="Je suis Zébulon Quintard")
    retention_purge(now=NOW)
    assert not chat.Conversation.objects.filter(pk=conversation.pk).exists()
    assert not chat.ChatMessage.objects.exists()


def test_a_purge_keeps_the_record_made_earlier_without_duplicating_it(closed_case):
    from recours.observatory.models import Stage
    from recours.observatory.services import record_save_for_case

    case = closed_case(when=NOW - dt.timedelta(days=400))
    record = record_save_for_case(case=case, stage=Stage.CLOSED)
    retention_purge(now=NOW)
    assert list(AnonymisedRecord.objects.values_list("pk", flat=True)) == [record.pk]


def test_the_purge_audit_entry_does_not_point_to_the_record(closed_case):
    case = closed_case(when=NOW - dt.timedelta(days=400))
    retention_purge(now=NOW)
    record = AnonymisedRecord.objects.get()
    event = AuditEvent.objects.get(action="case.purge")
    assert event.case_id == case.pk
    assert str(record.pk) not in str(event.detail)


def test_the_command_purges_and_says_how_many_cases_went(closed_case):
    first = closed_case(when=NOW - dt.timedelta(days=400))
    second = closed_case(when=NOW - dt.timedelta(days=500))
    out = io.StringIO()
    call_command("retention_purge", stdout=out)
    assert "2 dossiers supprimés." in out.getvalue()
    assert not Case.objects.filter(pk__in=[first.pk, second.pk]).exists()
    assert AnonymisedRecord.objects.count() == 2


def test_the_mails_about_a_purged_case_go_with_it(closed_case):
    from recours.core.models import OutboundMail

    case = closed_case(when=NOW - dt.timedelta(days=400))
    OutboundMail.objects.create(kind="case.new_message", case_id=case.pk, to="kb-unique-7731@example.org",
                                subject="Objet", body="Un message vous attend")
    retention_purge(now=NOW)
    assert not OutboundMail.objects.filter(case_id=case.pk).exists()
