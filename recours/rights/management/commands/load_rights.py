from django.core.management.base import BaseCommand

from recours.rights.services import rights_load


class Command(BaseCommand):
    help = "Load the know-your-rights pages shipped with the platform (recours/rights/data/rights.json); never rewrites an edited page unless --force."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Rewrite every shipped page with the shipped text (as a new version).")

    def handle(self, *args, force=False, **options):
        written = rights_load(force=force)
        if options["verbosity"]:
            self.stdout.write(f"{written} rights pages created or rewritten.")
