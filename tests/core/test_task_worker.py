"""With the database backend, tasks are rows and the worker (`manage.py db_worker`) runs them."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from recours.core.mail import mail_enqueue
from recours.core.models import MailStatus, OutboundMail

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker_once():
    """The worker as in production, until no task is left (`--batch`)."""
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def test_a_mail_is_sent_by_the_worker_exactly_once(database_backend):
    from django_tasks_db.models import DBTaskResult

    with transaction.atomic():
        mail_enqueue(to="personne@example.org", subject="Votre signalement", body="Nous avons répondu.", kind="reply")
    # Enqueued, not sent: the web process only wrote a row.
    assert mail.outbox == []
    assert DBTaskResult.objects.ready().count() == 1
    assert OutboundMail.objects.get().status == MailStatus.PENDING

    run_worker_once()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["personne@example.org"]
    assert OutboundMail.objects.get().status == MailStatus.SENT
    assert DBTaskResult.objects.ready().count() == 0

    run_worker_once()  # nothing left: never sent twice
    assert len(mail.outbox) == 1


def test_the_backend_is_chosen_by_a_short_name():
    import subprocess
    import sys

    code = "from django.conf import settings; print(settings.TASKS['default']['BACKEND'])"
    out = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={**__import__("os").environ, "DJANGO_SETTINGS_MODULE": "tests.settings", "RECOURS_TASKS_BACKEND": "database"},
        capture_output=True, text=True, check=True,
    )
    assert out.stdout.strip() == "django_tasks_db.DatabaseBackend"
