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
# No background build of the scrubbing engine in test processes and their servers (2 cores).
os.environ.setdefault("RECOURS_OBSERVATORY_SCRUB_WARMUP", "0")

from recours.settings import *  # noqa: E402,F403

RECOURS_PDF_WARM_UP = False  # tests/casework/test_referral_warm_up.py turns it on
RECOURS_RECEIPT_ARGON2_TIME_COST = 1
RECOURS_RECEIPT_ARGON2_MEMORY_KIB = 64
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tests change reference data inside rolled-back transactions: each reads the database. The
# cache keeps committed rows only (core/cache.py) and is tested with its own setting
# (tests/core/test_reference_cache.py, tests/taxonomy, tests/accounts/test_routing*.py).
RECOURS_REFERENCE_CACHE_SECONDS = 0
