"""Read text on standard input, print it scrubbed: `python manage.py scrub < narrative.txt`.

With --lines, each line is a narrative of its own (batch use: one engine for all).
"""

import sys

from django.core.management.base import BaseCommand

from recours.observatory.scrub import scrub


class Command(BaseCommand):
    help = "Remplace les données personnelles du texte lu sur l'entrée standard par des marqueurs typés."

    def add_arguments(self, parser):
        parser.add_argument("--lines", action="store_true", help="Chaque ligne est un récit distinct.")

    def handle(self, *args, lines: bool = False, **options):
        stdin = sys.stdin
        if lines:
            for line in stdin:
                self.stdout.write(scrub(line.rstrip("\n")))
        else:
            self.stdout.write(scrub(stdin.read()), ending="")
