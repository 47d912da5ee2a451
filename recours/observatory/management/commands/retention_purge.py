"""Purge the personal data of closed cases whose retention period is over.

Run it daily (cron or a systemd timer): `python manage.py retention_purge`; `--dry-run`
lists what would go and changes nothing.
"""

from django.core.management.base import BaseCommand

from recours.observatory.retention import retention_purge


class Command(BaseCommand):
    help = "Supprime les données personnelles des dossiers clos dont la durée de conservation est écoulée."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Affiche ce qui serait supprimé, sans rien supprimer.")

    def handle(self, *args, dry_run: bool = False, **options):
        due = retention_purge(dry_run=dry_run)
        verb = "serait supprimé" if dry_run else "supprimé"
        for item in due:
            self.stdout.write(
                f"{item.reference}\tclos le {item.closed_at:%Y-%m-%d}\tsuite : {item.outcome or '-'}\t{verb}"
            )
        if len(due) <= 1:
            summary = f"{len(due)} dossier {verb}."
        else:
            summary = f"{len(due)} dossiers {'seraient supprimés' if dry_run else 'supprimés'}."
        self.stdout.write(summary)
