"""Rate limits kept in the database, so every process of an instance agrees.

Fixed windows: a counter per (key, window). The client key is a keyed hash of
the client address; the address itself is never stored, and counters are
deleted once their window has passed.
"""

import hashlib
import hmac
import random
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connection

from recours.core.models import RateLimitCounter


@dataclass(frozen=True)
class RateLimit:
    scope: str  # e.g. "receipt"
    limit: int  # hits allowed per window
    window: int  # seconds


def client_address(request) -> str:
    """The client's address, trusting RECOURS_TRUSTED_PROXIES proxies in front."""
    proxies = settings.RECOURS_TRUSTED_PROXIES
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def client_key(request) -> str:
    address = client_address(request)
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()[:32]


def _window_start(window: int, now: float) -> int:
    return int(now // window) * window


def hit(rate: RateLimit, key: str, *, now: float | None = None) -> bool:
    """Count one hit; True if it is within the limit, False if over it.

    One statement (an upsert returning the new count), the same on PostgreSQL and SQLite.
    """
    now = time.time() if now is None else now
    start = _window_start(rate.window, now)
    table = connection.ops.quote_name(RateLimitCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (key, window_start, expires_at, count) VALUES (%s, %s, %s, 1) "
            f"ON CONFLICT (key, window_start) DO UPDATE SET count = {table}.count + 1 RETURNING count",
            [f"{rate.scope}:{key}", start, start + rate.window],
        )
        count = cursor.fetchone()[0]
    if random.random() < 0.01:
        purge_expired(now=now)
    return count <= rate.limit


def is_limited(rate: RateLimit, key: str, *, now: float | None = None) -> bool:
    """True if the key is already over the limit in this window (counts nothing)."""
    now = time.time() if now is None else now
    start = _window_start(rate.window, now)
    count = (
        RateLimitCounter.objects.filter(key=f"{rate.scope}:{key}", window_start=start)
        .values_list("count", flat=True)
        .first()
    )
    return (count or 0) >= rate.limit


def purge_expired(*, now: float | None = None) -> int:
    now = time.time() if now is None else now
    deleted, _ = RateLimitCounter.objects.filter(expires_at__lt=int(now)).delete()
    return deleted


def receipt_limits() -> tuple[RateLimit, RateLimit]:
    window = settings.RECOURS_RECEIPT_RATE_WINDOW
    return (
        RateLimit("receipt-client", settings.RECOURS_RECEIPT_RATE_PER_CLIENT, window),
        RateLimit("receipt-global", settings.RECOURS_RECEIPT_RATE_GLOBAL, window),
    )


def receipt_attempt_allowed(request) -> bool:
    """Count one receipt check by this client; False when the client or the instance is over its limit."""
    per_client, global_ = receipt_limits()
    client_ok = hit(per_client, client_key(request))
    global_ok = hit(global_, "all")
    return client_ok and global_ok


def report_submission_allowed(request) -> bool:
    rate = RateLimit("report-client", settings.RECOURS_REPORT_RATE_PER_CLIENT, settings.RECOURS_REPORT_RATE_WINDOW)
    return hit(rate, client_key(request))
