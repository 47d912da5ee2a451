"""The fault test's hands inside the application (scripts/fault_test.py runs this with the cluster's settings).

  setup            reference data (Loire-Atlantique), a team, an adviser with a second factor and a
                   logged-in session; prints SESSION=<key>
  accept           the adviser takes every waiting conversation; prints their ids
  reply EMAIL...   an adviser's reply to the case reported with each contact address, each in its
                   own transaction: one mail per case, through the outbox and the task worker

Everything goes through the services, as the console would.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recours.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402

USERNAME = "camille"


def setup() -> None:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from recours.accounts.models import TeamKind
    from recours.accounts.services import staff_user_create, team_create
    from recours.chat.services import presence_beat

    call_command("load_taxonomy", verbosity=0)
    call_command("load_geo", departements="44", verbosity=0)
    team = team_create(name="Ville de Nantes", kind=TeamKind.COMMUNES, commune_ids=["44109"])
    user = staff_user_create(username=USERNAME, password="un mot de passe de test assez long", team=team)
    device = TOTPDevice.objects.create(user=user, name="fault-test", confirmed=True)
    presence_beat(user)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.create()
    print("SESSION=" + session.session_key)


def accept() -> None:
    from recours.chat.models import Conversation, ConversationStatus
    from recours.chat.services import conversation_accept

    user = get_user_model().objects.get(username=USERNAME)
    for conversation in Conversation.objects.filter(status=ConversationStatus.WAITING).order_by("pk"):
        conversation_accept(conversation=conversation, user=user)
        print(conversation.pk, flush=True)


def reply(emails: list[str]) -> None:
    from recours.casework.models import Case
    from recours.casework.services import case_reply

    user = get_user_model().objects.get(username=USERNAME)
    wanted = set(emails)
    # The contact is encrypted: the cases are read and matched here, as the console would open them.
    cases = [case for case in Case.objects.filter(has_contact=True) if case.contact.get("email") in wanted]
    for case in cases:
        case_reply(case=case, body="Bonjour, nous avons bien lu votre signalement.", actor=user,
                   followup_url="https://recours.invalid/suivi/")
        print(case.contact["email"], flush=True)


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    {"setup": lambda: setup(), "accept": lambda: accept(), "reply": lambda: reply(args)}[command]()
