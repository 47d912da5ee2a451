"""Test settings: the production settings with fixed keys and cheap crypto.

Slow-by-design security (Argon2 for receipts and passwords) is lowered here so
the suite stays fast; production keeps the strong defaults.
"""

import os

os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-0123456789abcdef")
os.environ.setdefault("RECOURS_ENCRYPTION_KEYS", "q5Yy0gSfq9FfQv3L3h9k1m1Jr6o0aYq3pUoV2W8nq0Q=")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("RECOURS_TLS", "0")

from recours.settings import *  # noqa: E402,F403

RECOURS_RECEIPT_ARGON2_TIME_COST = 1
RECOURS_RECEIPT_ARGON2_MEMORY_KIB = 64
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tests change reference data inside rolled-back transactions: a process-wide copy would
# outlive the rollback. The cache itself is tested with its own setting (tests/taxonomy).
RECOURS_REFERENCE_CACHE_SECONDS = 0
