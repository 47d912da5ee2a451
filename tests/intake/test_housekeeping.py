import datetime as dt

from django.core.management import call_command
from django.utils import timezone

from recours.casework.models import Attachment
from recours.casework.services import attachment_create
from recours.intake.models import ReportDraft
from tests.intake.files import PDF


def test_stale_drafts_and_their_files_are_deleted(db):
    attachment = attachment_create(name="vieux.pdf", data=PDF)
    draft = ReportDraft.objects.create(data={"narrative": "oublié", "_attachments": [attachment.pk]})
    ReportDraft.objects.filter(pk=draft.pk).update(updated_at=timezone.now() - dt.timedelta(days=2))
    Attachment.objects.filter(pk=attachment.pk).update(created_at=timezone.now() - dt.timedelta(days=2))
    fresh = ReportDraft.objects.create(data={"narrative": "en cours"})

    call_command("housekeeping", verbosity=0)

    assert list(ReportDraft.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert not Attachment.objects.exists()


def test_files_of_sent_reports_are_kept(make_case):
    case, _ = make_case()
    attachment = attachment_create(name="preuve.pdf", data=PDF)
    Attachment.objects.filter(pk=attachment.pk).update(case=case, created_at=timezone.now() - dt.timedelta(days=9))
    call_command("housekeeping", verbosity=0)
    assert Attachment.objects.filter(pk=attachment.pk).exists()
