from django.core.management.base import BaseCommand, CommandError

from recours.geo.services import geo_load


class Command(BaseCommand):
    help = "Load the French geography (régions, départements, communes, postal codes) from its data file."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Reload even if this version is loaded.")
        parser.add_argument(
            "--departements",
            default=None,
            help="Comma-separated département codes (e.g. 44,75,2A) to load only those; the version is not recorded.",
        )
        parser.add_argument("--path", default=None, help="Another data file than recours/geo/data/geo.json.gz.")

    def handle(self, *args, force=False, departements=None, path=None, **options):
        codes = [code for code in (departements or "").split(",") if code.strip()] if departements else None
        try:
            result = geo_load(path=path, departements=codes, force=force)
        except (ValueError, OSError) as error:
            raise CommandError(str(error)) from error
        if result["skipped"]:
            self.stdout.write(f"Geography {result['version']} already loaded ({result['seconds']:.2f} s).")
            return
        scope = f" (départements {', '.join(codes)} only)" if codes else ""
        self.stdout.write(
            f"Geography {result['version']}{scope}: {result['regions']} régions, "
            f"{result['departements']} départements, {result['communes']} communes, "
            f"{result['postal_codes']} postal codes in {result['seconds']:.2f} s."
        )
        for label in ("written", "deleted", "kept_inactive"):
            counts = ", ".join(f"{table} {count}" for table, count in result[label].items())
            self.stdout.write(f"  {label.replace('_', ' ')}: {counts or 'none'}")
