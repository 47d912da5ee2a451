"""Create a staff account in a team: the first administrator of an instance, or anyone later.

    python manage.py create_staff alice --team nationale --role administrator --admin-site

The password is asked twice (or read from standard input with --password-stdin) and
checked by the password validators. The second factor is set up by the person at first
login on /console/connexion/ (QR code or key, then a first code).
"""

import getpass
import sys

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from recours.accounts.models import Role, Team
from recours.accounts.services import staff_user_create, team_national_get


class Command(BaseCommand):
    help = "Create a staff account in a team (the second factor is set up at first login)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--team", default="", help="The team's slug; the national team by default.")
        parser.add_argument("--role", default=Role.ADMINISTRATOR, choices=Role.values)
        parser.add_argument("--email", default="")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--admin-site", action="store_true", help="Also open Django's admin (superuser).")
        parser.add_argument("--password-stdin", action="store_true", help="Read the password from standard input.")

    def _password(self, options) -> str:
        if options["password_stdin"]:
            return sys.stdin.readline().rstrip("\n")
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        return password

    def handle(self, *args, **options):
        if options["team"]:
            team = Team.objects.filter(slug=options["team"]).first()
            if team is None:
                raise CommandError(f"No team with the slug {options['team']!r}.")
        else:
            team = team_national_get()
        password = self._password(options)
        try:
            validate_password(password)
            user = staff_user_create(
                username=options["username"],
                password=password,
                team=team,
                role=options["role"],
                email=options["email"],
                first_name=options["first_name"],
                last_name=options["last_name"],
                admin_site=options["admin_site"],
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            f"Created {user.username} ({options['role']}) in team {team.name!r}. At first login on "
            "/console/connexion/ (code field left empty), they set up an authenticator app."
        )
