"""Send the outbox's mails whose next attempt is due (run it every minute: cron, systemd timer)."""

from django.core.management.base import BaseCommand

from recours.core.mail import mail_send_due


class Command(BaseCommand):
    help = "Envoie les courriels en attente dont la prochaine tentative est due."

    def handle(self, *args, **options):
        sent, not_sent = mail_send_due()
        if options["verbosity"] >= 1:
            self.stdout.write(f"{sent} sent, {not_sent} not sent (retried later or failed)")
