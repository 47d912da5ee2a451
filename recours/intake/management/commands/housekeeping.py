from django.contrib.sessions.models import Session
from django.core.management.base import BaseCommand
from django.utils import timezone

from recours.casework.services import attachments_purge_orphans
from recours.core.ratelimit import purge_expired
from recours.intake.services import drafts_purge_stale


class Command(BaseCommand):
    help = (
        "Delete what must not linger: drafts untouched for a day, files of reports never sent, "
        "expired sessions and rate-limit counters. Run it hourly (cron or a systemd timer)."
    )

    def handle(self, *args, **options):
        drafts = drafts_purge_stale()
        files = attachments_purge_orphans()
        sessions, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
        counters = purge_expired()
        self.stdout.write(f"drafts: {drafts}, files: {files}, sessions: {sessions}, rate counters: {counters}")
