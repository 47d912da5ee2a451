"""Import the priority neighbourhoods (QPV) from the operator's CSV: `manage.py qpv_import FILE`.

Header `code;nom` (or `,`), UTF-8. Every malformed row is reported with its line and reason,
and nothing is imported unless every row is good."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from recours.localplan import services


class Command(BaseCommand):
    help = "Importe la liste des quartiers prioritaires (CSV code;nom)."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        try:
            result = services.qpv_import(Path(path).read_text(encoding="utf-8"))
        except services.QpvImportError as exc:
            raise CommandError("\n".join(exc.reasons)) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{result.created} created, {result.updated} renamed")
