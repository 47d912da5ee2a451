"""Hourly housekeeping: what must not linger (drafts, orphan files, sessions, rate counters)."""

import datetime as dt

from django.contrib.sessions.models import Session
from django.utils import timezone

from recours.core.periodic import periodic_job


@periodic_job("housekeeping", every=dt.timedelta(hours=1),
              description="Brouillons abandonnés, fichiers orphelins, sessions et compteurs expirés")
def housekeeping() -> str:
    from recours.casework.services import attachments_purge_orphans
    from recours.core.ratelimit import purge_expired
    from recours.intake.services import drafts_purge_stale

    drafts = drafts_purge_stale()
    files = attachments_purge_orphans()
    sessions, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    counters = purge_expired()
    return f"drafts {drafts}, files {files}, sessions {sessions}, rate counters {counters}"
