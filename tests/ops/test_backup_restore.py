"""A PostgreSQL dump and the encryption keys are enough to restore an instance on a fresh database.

The drill of docs/operations.md ("Backup and restore"), with the scripts it names: a case made
through the services, `scripts/db_backup.sh`, a new database, `scripts/db_restore.sh`, then a
fresh process with the same keys opens the case by its receipt and reads its narrative. The same
dump without the keys reads nothing.
"""

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.db import connection

from recours.casework.services import case_create_from_report, message_add_by_adviser

ROOT = Path(__file__).resolve().parent.parent.parent
NARRATIVE = "Le gérant de l'agence m'a dit que le logement était déjà loué dès qu'il a entendu mon nom."
REPLY = "Bonjour, avez-vous gardé le courriel de l'agence ?"

pytestmark = [
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="a backup is a PostgreSQL dump: this test runs when the suite runs on PostgreSQL (DATABASE_URL)",
    ),
    pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump and pg_restore are not installed"),
]


def _url(dbname: str) -> str:
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgresql://{s['USER']}{password}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{dbname}"


def _run(*args: str, env: dict | None = None) -> str:
    result = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def fresh_database():
    """An empty database next to the test database, dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_restored_{uuid.uuid4().hex[:6]}"
    admin = _url("postgres")
    _run("psql", admin, "-qc", f'CREATE DATABASE "{name}"')
    yield _url(name)
    _run("psql", admin, "-qc", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def case_in_dump(live_reference_data, report_input, tmp_path):
    """A case with an adviser's reply, committed, then dumped; returns (dump file, receipt)."""
    case, receipt = case_create_from_report(report=report_input(narrative=NARRATIVE))
    message_add_by_adviser(case=case, body=REPLY)
    dump = tmp_path / "recours.dump"
    _run("scripts/db_backup.sh", _url(connection.settings_dict["NAME"]), str(dump))
    return dump, receipt


def _open_restored(url: str, receipt: str, **keys: str) -> dict:
    """A new process on the restored database, with the keys given (the test's own by default)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": url,
        "SECRET_KEY": settings.SECRET_KEY,
        "RECOURS_ENCRYPTION_KEYS": ",".join(settings.RECOURS_ENCRYPTION_KEYS),
        "RECOURS_RECEIPT_SALT": settings.RECOURS_RECEIPT_SALT,
        **keys,
    }
    return json.loads(_run(sys.executable, "-m", "tests.ops.restored", receipt, env=env))


def test_a_dump_and_the_keys_restore_a_case_its_receipt_opens(case_in_dump, fresh_database):
    dump, receipt = case_in_dump
    _run("scripts/db_restore.sh", str(dump), fresh_database)

    restored = _open_restored(fresh_database, receipt)

    assert restored["login_status"] == 302
    assert restored["followup_status"] == 200
    assert "déjà loué dès qu&#x27;il a entendu mon nom" in restored["followup"]
    assert "avez-vous gardé le courriel" in restored["followup"]
    assert restored["decrypted"] == [NARRATIVE]
    # Restoring twice into the same database is refused, not merged.
    again = subprocess.run(["scripts/db_restore.sh", str(dump), fresh_database], capture_output=True, text=True, cwd=ROOT)
    assert again.returncode == 1 and "refusing to restore" in again.stderr


def test_without_its_keys_a_dump_reveals_no_narrative_and_its_receipts_open_nothing(case_in_dump, fresh_database):
    dump, receipt = case_in_dump
    _run("scripts/db_restore.sh", str(dump), fresh_database)
    assert "entendu mon nom".encode() not in dump.read_bytes()

    other_keys = _open_restored(fresh_database, receipt, RECOURS_ENCRYPTION_KEYS=Fernet.generate_key().decode())
    assert other_keys["decrypted"] == ["InvalidToken"]
    assert "entendu mon nom" not in other_keys["followup"]

    other_salt = _open_restored(fresh_database, receipt, RECOURS_RECEIPT_SALT="another-salt-" + uuid.uuid4().hex)
    assert other_salt["decrypted"] == [NARRATIVE]  # advisers would still read the case...
    # ...but the person's receipt no longer opens it: the page after the form's redirect is the
    # form again, with its refusal, and nothing of the case.
    assert "Ce code ne permet pas d" in other_salt["followup"]
    assert "entendu mon nom" not in other_salt["followup"]
