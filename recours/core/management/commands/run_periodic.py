"""Start the periodic jobs that are due (mail retries, housekeeping, retention purge).

Call it every minute: `python manage.py run_periodic` from a timer or cron, or
`run_periodic --loop 60` as a long-running process. Several callers are safe: each job
runs once per period. In a loop, SIGTERM (or SIGINT) stops it cleanly: a round under way
finishes, the wait between rounds is cut short, and the process exits with status 0.
"""

import signal
import threading

from django.core.management.base import BaseCommand

from recours.core.periodic import periodic_status, run_periodic


class Command(BaseCommand):
    help = "Lance les tâches périodiques qui sont dues (courriels, ménage, purge de conservation)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", type=int, metavar="SECONDS", help="Recommencer toutes les SECONDS secondes.")
        parser.add_argument("--only", action="append", default=[], metavar="JOB", help="Seulement cette tâche.")
        parser.add_argument("--status", action="store_true", help="Afficher l'état de chaque tâche, sans rien lancer.")

    def handle(self, *args, loop=None, only=(), status=False, verbosity=1, **options):
        if status:
            for item in periodic_status():
                run = item["run"]
                self.stdout.write(
                    f"{item['job'].name}\tevery {item['job'].every}\t"
                    + (f"last {run.last_started_at:%Y-%m-%d %H:%M} {run.last_status}: {run.last_summary}\t"
                       f"next {run.next_due_at:%Y-%m-%d %H:%M}" if run and run.last_started_at else "never run")
                )
            return
        stop = threading.Event()
        if loop:
            for signum in (signal.SIGTERM, signal.SIGINT):
                signal.signal(signum, lambda *_: stop.set())
        while not stop.is_set():
            started = run_periodic(only=tuple(only))
            if verbosity and started:
                self.stdout.write("started: " + ", ".join(started))
            if not loop:
                return
            if verbosity > 1:
                self.stdout.write("waiting", ending="\n")
                self.stdout.flush()
            stop.wait(loop)
