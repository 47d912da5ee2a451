"""Outgoing mail: written to an outbox first, sent by a background task, retried until it goes.

`mail_enqueue` writes the mail (recipient and text encrypted) in the caller's transaction
and, once that commits, enqueues the `mail_send` task (Django's tasks API, the
`django-tasks` backport: the immediate backend in the embedded default, a worker in
production). A failed send leaves the mail pending with a next attempt after a growing
delay; `mail_send_due` (command `mail_send_pending`, run every minute by cron or a
systemd timer) sends what is due. After `RECOURS_MAIL_MAX_ATTEMPTS` the mail is marked
failed, visible where it belongs (the case file), and can be sent again by hand.
Nothing is lost: the outbox row is the record, the task only a wake-up.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from recours.core.models import MailStatus, OutboundMail


def mail_enqueue(*, to: str, subject: str, body: str, kind: str, case=None) -> OutboundMail:
    """Put a mail in the outbox; it is sent after the current transaction commits."""
    mail = OutboundMail.objects.create(
        kind=kind, case_id=getattr(case, "pk", case), to=to, subject=subject, body=body,
        next_attempt_at=timezone.now(),
    )
    transaction.on_commit(lambda: mail_send.enqueue(mail.pk))
    return mail


def _retry_delay(attempts: int) -> dt.timedelta:
    """1, 2, 4, 8... minutes after the n-th failure, at most a day."""
    return dt.timedelta(minutes=min(2 ** (attempts - 1), 24 * 60))


def mail_deliver(mail_id: int) -> bool:
    """Try to send one mail now; True if it went. Never sends a mail twice."""
    with transaction.atomic():
        mail = OutboundMail.objects.select_for_update().filter(pk=mail_id, status=MailStatus.PENDING).first()
        if mail is None:  # already sent, failed for good, or deleted with its case
            return False
        now = timezone.now()
        try:
            send_mail(mail.subject, mail.body, settings.DEFAULT_FROM_EMAIL, [mail.to])
        except Exception as exc:  # any backend failure: the mail stays, the next attempt is scheduled
            mail.attempts += 1
            mail.last_error = type(exc).__name__[:100]
            if mail.attempts >= settings.RECOURS_MAIL_MAX_ATTEMPTS:
                mail.status, mail.next_attempt_at = MailStatus.FAILED, None
            else:
                mail.next_attempt_at = now + _retry_delay(mail.attempts)
            mail.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
            return False
        # Sent: keep that it was, not to whom nor what.
        mail.status, mail.sent_at, mail.attempts = MailStatus.SENT, now, mail.attempts + 1
        mail.to = mail.subject = mail.body = ""
        mail.next_attempt_at = None
        mail.save(update_fields=["status", "sent_at", "attempts", "to", "subject", "body", "next_attempt_at"])
        return True


@task()
def mail_send(mail_id: int) -> bool:
    return mail_deliver(mail_id)


def mail_send_due(*, now: dt.datetime | None = None) -> tuple[int, int]:
    """Send every pending mail whose next attempt is due; returns (sent, still pending or failed)."""
    now = now or timezone.now()
    due = OutboundMail.objects.filter(status=MailStatus.PENDING, next_attempt_at__lte=now).values_list("pk", flat=True)
    sent = failed = 0
    for mail_id in list(due):
        if mail_deliver(mail_id):
            sent += 1
        else:
            failed += 1
    return sent, failed


def mail_resend(*, mail: OutboundMail) -> OutboundMail:
    """Send a failed mail again (an adviser's button): a new round of attempts."""
    OutboundMail.objects.filter(pk=mail.pk, status=MailStatus.FAILED).update(
        status=MailStatus.PENDING, attempts=0, next_attempt_at=timezone.now()
    )
    transaction.on_commit(lambda: mail_send.enqueue(mail.pk))
    mail.refresh_from_db()
    return mail


def mails_of_case(case) -> list[OutboundMail]:
    """The mails sent or to send about a case, oldest first (their text is never shown)."""
    return list(OutboundMail.objects.filter(case_id=getattr(case, "pk", case)).defer("to", "subject", "body"))


def mails_delete_for_case(case_id: int) -> int:
    """Delete the mails about a case (its purge: casework.services.case_purge); returns how many."""
    deleted, _ = OutboundMail.objects.filter(case_id=case_id).delete()
    return deleted
