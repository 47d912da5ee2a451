import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

from recours.accounts.services import team_national_get
from recours.casework.services import answer_templates_load
from recours.directory.seed import directory_national_load
from recours.geo.services import geo_load
from recours.taxonomy.services import taxonomy_load


class Command(BaseCommand):
    help = "Load the reference data (taxonomies, French geography, national services of the directory, the know-your-rights pages, the national team); does nothing for a version already loaded."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true")

    def handle(self, *args, force=False, **options):
        start = time.perf_counter()
        taxonomy_load(force=force)
        geo_load(force=force)
        answer_templates_load(force=force)
        directory_national_load()
        # The know-your-rights pages (recours.rights), by their command: casework imports no rights.
        call_command("load_rights", force=force, verbosity=0)
        # The national team exists from setup: created lazily by a first report, it would be
        # made inside that report's transaction (and lost with it on a rollback).
        team_national_get()
        self.stdout.write(f"Reference data ready ({time.perf_counter() - start:.1f} s).")
