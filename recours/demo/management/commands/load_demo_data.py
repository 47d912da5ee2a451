from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from recours.core.receipts import receipt_format
from recours.demo.services import demo_load, demo_logins


class Command(BaseCommand):
    help = "Load demo data (development only): demo reports with known receipts, teams and staff."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo data is for development instances only (DJANGO_DEBUG=1).")
        receipts = demo_load()
        self.stdout.write("Demo receipts (page « Suivre mon signalement ») :")
        for receipt in receipts:
            self.stdout.write(f"  {receipt_format(receipt)}")
        self.stdout.write("Demo logins (/console/connexion/): username / password / TOTP key (base32), where")
        for login in demo_logins():
            self.stdout.write(f"  {login['username']} / {login['password']} / {login['secret']}  {login['where']}")
        self.stdout.write(
            "  The keys are fixed: add them once to an authenticator app (type: time-based), or print\n"
            "  the current code with: .venv/bin/python -m recours.accounts.otp_code KEY"
        )
