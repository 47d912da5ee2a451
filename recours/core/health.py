"""Health probes: `/healthz` (the process is alive) and `/readyz` (it can serve).

The same middleware answers `/metrics` (core/metrics.py: a bearer token, or 404), for the
same reasons: a scraper addresses each node by its IP, and a scrape is not a request to log.

`HealthMiddleware` is the first middleware (recours/settings.py): the two paths are answered
before anything else runs — no host check (a probe addresses the container by its IP), no HTTPS
redirect (probes speak plain HTTP inside the network), no session, no CSRF, no rate limit, no
request log line, no metrics. Their answers never hold personal data: "ok", or booleans.

- `/healthz`: 200 "ok", touching nothing (no database): a process that answers is alive.
- `/readyz`: 200 when the database answers, every migration is applied, Redis answers (when
  REDIS_URL is set) and the encryption keys are present and valid; 503 otherwise, with the same
  JSON of booleans telling which check failed.
"""

import logging

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse

from recours.core.metrics import METRICS_PATH, metrics_view

logger = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"
READY_PATH = "/readyz"
PROBE_PATHS = frozenset({HEALTH_PATH, READY_PATH, HEALTH_PATH + "/", READY_PATH + "/"})

# Once every migration is applied, it stays so for the life of the process (new migrations come
# with new code, hence a new process): the migration graph is read until then, not at every probe.
_migrations_applied = False


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone()[0] == 1
    except Exception:  # any failure means "not ready"; logged without detail that could hold data
        logger.warning("readyz: database unreachable", exc_info=True)
        return False


def _migrations_ok() -> bool:
    """`migrate --check`: nothing left in the migration plan."""
    global _migrations_applied
    if _migrations_applied:
        return True
    from django.db.migrations.executor import MigrationExecutor

    try:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception:
        logger.warning("readyz: migration state unreadable", exc_info=True)
        return False
    _migrations_applied = not plan
    return _migrations_applied


def _redis_ok() -> bool:
    import redis

    try:
        client = redis.Redis.from_url(settings.REDIS_URL, socket_timeout=1, socket_connect_timeout=1)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except Exception:
        logger.warning("readyz: Redis unreachable", exc_info=True)
        return False


def _keys_ok() -> bool:
    from recours.core import crypto

    try:
        crypto.decrypt_bytes(crypto.encrypt_bytes(b"readyz"))
    except Exception:
        return False
    return bool(settings.RECOURS_RECEIPT_SALT)


def readiness() -> dict[str, bool]:
    """Each check by name; ready when all are True. Redis only when REDIS_URL is set."""
    checks = {"database": _database_ok()}
    checks["migrations"] = checks["database"] and _migrations_ok()
    if settings.REDIS_URL:
        checks["redis"] = _redis_ok()
    checks["keys"] = _keys_ok()
    return checks


def healthz(request):
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


def readyz(request):
    checks = readiness()
    ready = all(checks.values())
    response = JsonResponse({"ready": ready, **checks}, status=200 if ready else 503)
    return response


class HealthMiddleware:
    """Answer the probes before any other middleware (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if request.method in ("GET", "HEAD"):
            if path in PROBE_PATHS:
                response = healthz(request) if path.startswith(HEALTH_PATH) else readyz(request)
            elif path == METRICS_PATH:
                response = metrics_view(request)  # bearer token, or 404 (core/metrics.py)
            else:
                return self.get_response(request)
            response["Cache-Control"] = "no-store"
            return response
        return self.get_response(request)
