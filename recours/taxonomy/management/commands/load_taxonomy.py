from django.core.management.base import BaseCommand

from recours.taxonomy.services import taxonomy_load


class Command(BaseCommand):
    help = "Load the reference taxonomies (criteria, grounds, domains, roles...) from their data file."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Reload even if this version is loaded.")

    def handle(self, *args, force=False, **options):
        if taxonomy_load(force=force):
            self.stdout.write("Taxonomies loaded.")
        else:
            self.stdout.write("Taxonomies already up to date.")
