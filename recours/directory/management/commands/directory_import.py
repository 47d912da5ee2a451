from django.core.management.base import BaseCommand, CommandError

from recours.directory.imports import FORMATS, ImportFileError, directory_import


class Command(BaseCommand):
    help = (
        "Import directory entries: data·inclusion exports (JSON or CSV; structures and services "
        "in one file, or services with --structures FILE) or our CSV template (--source NAME). "
        "All or nothing unless --partial; every rejected row is listed with its reasons."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--format", choices=FORMATS, default="auto")
        parser.add_argument("--structures", help="the structures' file of a data·inclusion export in two files")
        parser.add_argument("--source", default="", help="the source of template rows (e.g. the team's name)")
        parser.add_argument("--partial", action="store_true", help="write the valid rows even if others are rejected")
        parser.add_argument("--dry-run", action="store_true", help="check the file, write nothing")
        parser.add_argument("--demo", action="store_true", help="mark the entries as demo data")

    def handle(self, *args, **options):
        try:
            report = directory_import(
                options["file"], format=options["format"], source_name=options["source"],
                partial=options["partial"], dry_run=options["dry_run"], is_demo=options["demo"],
                structures_source=options["structures"],
            )
        except (ImportFileError, OSError) as error:
            raise CommandError(str(error)) from None
        counts = report.counts
        self.stdout.write(
            f"{report.rows} lignes lues en {report.seconds:.2f} s ({report.rows_per_second:,.0f} lignes/s)."
        )
        for rejected in report.rejected:
            self.stdout.write(f"  REJETÉE {rejected}")
        if report.written:
            self.stdout.write(
                f"Structures : {counts.structures_created} créées, {counts.structures_updated} mises à jour. "
                f"Services : {counts.services_created} créés, {counts.services_updated} mis à jour."
            )
            if report.rejected:
                self.stdout.write(f"{len(report.rejected)} lignes rejetées (import partiel demandé).")
        elif options["dry_run"]:
            self.stdout.write(f"Vérification seule : rien n'est écrit. {len(report.rejected)} lignes rejetées.")
        else:
            self.stdout.write(
                f"Rien n'est importé : {len(report.rejected)} lignes rejetées. Corrigez-les, ou relancez avec "
                "--partial pour importer les autres."
            )
        if report.rejected:
            raise CommandError(f"{len(report.rejected)} lignes rejetées.", returncode=2)
