from django.core.management.base import BaseCommand

from recours.core.rotation import encryption_rotate


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field under the newest key of RECOURS_ENCRYPTION_KEYS. "
        "Put the new key first, keep the old ones, run this, then remove the old keys."
    )

    def handle(self, *args, **options):
        for label, count in encryption_rotate().items():
            self.stdout.write(f"{label}: {count} rows")
