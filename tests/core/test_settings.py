import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def start_django(**env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SECRET_KEY", "RECOURS_", "DJANGO_"))}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**clean, "DJANGO_SETTINGS_MODULE": "recours.settings", **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = start_django(RECOURS_ENCRYPTION_KEYS="q5Yy0gSfq9FfQv3L3h9k1m1Jr6o0aYq3pUoV2W8nq0Q=")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_development_secret_key():
    result = start_django(SECRET_KEY="dev-abc", RECOURS_ENCRYPTION_KEYS="q5Yy0gSfq9FfQv3L3h9k1m1Jr6o0aYq3pUoV2W8nq0Q=")
    assert result.returncode != 0
    assert "development key" in result.stderr


def test_production_refuses_to_start_without_encryption_keys():
    result = start_django(SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "RECOURS_ENCRYPTION_KEYS must be set" in result.stderr


def test_production_starts_with_real_keys_and_debug_off():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import settings; "
         "print(settings.DEBUG, settings.SESSION_COOKIE_SECURE, settings.SECURE_HSTS_SECONDS)"],
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith(("SECRET_KEY", "RECOURS_", "DJANGO_"))},
            "DJANGO_SETTINGS_MODULE": "recours.settings",
            "SECRET_KEY": "x" * 50,
            "RECOURS_ENCRYPTION_KEYS": "q5Yy0gSfq9FfQv3L3h9k1m1Jr6o0aYq3pUoV2W8nq0Q=",
        },
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "31536000"]


@pytest.mark.django_db
def test_postgresql_sessions_never_jit_compile_the_consoles_short_queries():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
