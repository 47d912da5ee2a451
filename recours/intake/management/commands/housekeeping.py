from django.core.management.base import BaseCommand

from recours.intake.jobs import housekeeping


class Command(BaseCommand):
    help = (
        "Delete what must not linger: drafts untouched for a day, files of reports never sent, "
        "expired sessions and rate-limit counters. `run_periodic` runs it every hour."
    )

    def handle(self, *args, **options):
        self.stdout.write(housekeeping())
