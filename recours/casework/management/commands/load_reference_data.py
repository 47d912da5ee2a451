import time

from django.core.management.base import BaseCommand

from recours.casework.services import answer_templates_load
from recours.directory.seed import directory_national_load
from recours.geo.services import geo_load
from recours.taxonomy.services import taxonomy_load


class Command(BaseCommand):
    help = "Load the reference data (taxonomies, French geography, national services of the directory); does nothing for a version already loaded."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true")

    def handle(self, *args, force=False, **options):
        start = time.perf_counter()
        taxonomy_load(force=force)
        geo_load(force=force)
        answer_templates_load(force=force)
        directory_national_load()
        self.stdout.write(f"Reference data ready ({time.perf_counter() - start:.1f} s).")
