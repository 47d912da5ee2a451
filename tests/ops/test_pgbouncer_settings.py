"""RECOURS_PGBOUNCER=1: what Django and psycopg need behind PgBouncer in transaction mode."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHOW = "import json; from django.conf import settings; print(json.dumps(settings.DATABASES['default'], default=str))"


def database_settings(**env) -> dict:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("RECOURS_PGBOUNCER", "DATABASE_"))}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + SHOW],
        env={**keep, "DJANGO_SETTINGS_MODULE": "tests.settings", **env},
        cwd=ROOT, capture_output=True, text=True, check=True,
    )
    return json.loads(result.stdout)


def test_behind_pgbouncer_no_server_side_cursor_no_prepared_statement_no_startup_option():
    db = database_settings(DATABASE_URL="postgres://recours@pgbouncer:6432/recours", RECOURS_PGBOUNCER="1")

    assert db["DISABLE_SERVER_SIDE_CURSORS"] is True
    assert db["OPTIONS"]["prepare_threshold"] is None
    assert "options" not in db["OPTIONS"]
    assert db["OPTIONS"]["pool"]["max_size"] > 0  # the process's own pool stays, in front of PgBouncer's


def test_straight_to_postgresql_keeps_server_side_cursors_and_jit_off():
    db = database_settings(DATABASE_URL="postgres://recours@db:5432/recours")

    assert db["DISABLE_SERVER_SIDE_CURSORS"] is False
    assert "prepare_threshold" not in db["OPTIONS"]
    assert db["OPTIONS"]["options"] == "-c jit=off"
