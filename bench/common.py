"""What the in-process benchmarks share: production settings in this process."""

from __future__ import annotations

import os
import secrets


def environment(database_url: str) -> None:
    """Production settings (DEBUG off, the real middleware) on `database_url`, throw-away keys.

    BENCH_ENCRYPTION_KEYS, when set, is used instead of a new key: a kept database (console
    --keep) is read again with the key printed at its end."""
    from cryptography.fernet import Fernet

    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "recours.settings", "DATABASE_URL": database_url, "DJANGO_DEBUG": "0",
        "RECOURS_TLS": "0", "ALLOWED_HOSTS": "testserver", "SECRET_KEY": secrets.token_urlsafe(48),
        "RECOURS_ENCRYPTION_KEYS": os.environ.get("BENCH_ENCRYPTION_KEYS") or Fernet.generate_key().decode(),
        "PYTHONWARNINGS": "ignore:No directory at:UserWarning",
    })
