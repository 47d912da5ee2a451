"""Rate limits kept in the database, so every process of an instance agrees.

Fixed windows: a counter per (key, window). The client key is a keyed hash of
the client address (an IPv6 address counts by its /64 network, what one
subscriber gets); the address itself is never stored, and counters are deleted
once their window has passed.

Every limit of the platform is here, with its setting (docs/architecture.md lists
them). A shared, instance-wide budget is only spent by clients still within their
own limit: a client already refused cannot lock everybody else out.
"""

import hashlib
import hmac
import ipaddress
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


def _client_identity(address: str) -> str:
    """The address as one client: an IPv6 address by its /64 network, an IPv4 address whole."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def keyed(value: str) -> str:
    """A keyed hash: what a counter's key holds instead of an address or an id."""
    return hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()[:32]


def client_key(request) -> str:
    return keyed(_client_identity(client_address(request)))


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
    return (
        RateLimit("receipt-client", settings.RECOURS_RECEIPT_RATE_PER_CLIENT, settings.RECOURS_RECEIPT_RATE_WINDOW),
        RateLimit("receipt-global", settings.RECOURS_RECEIPT_RATE_GLOBAL, settings.RECOURS_RECEIPT_RATE_GLOBAL_WINDOW),
    )


def receipt_attempt_allowed(request) -> bool:
    """Count one receipt check by this client; False when the client or the instance is over its limit.

    A client already over its own limit is refused without touching the shared budget.
    """
    per_client, global_ = receipt_limits()
    if not hit(per_client, client_key(request)):
        return False
    return hit(global_, "all")


def receipt_attempts_exhausted(request) -> bool:
    """True when this client, or the instance, is already over its budget of wrong receipts
    (counts nothing): the check of a receipt presented again and again (the API's reads of a
    follow-up, each carrying it) costs nothing from the budget while it is right."""
    per_client, global_ = receipt_limits()
    return is_limited(per_client, client_key(request)) or is_limited(global_, "all")


def receipt_failure_count(request) -> None:
    """Count one wrong receipt of this client (and of the instance, while the client is within its own)."""
    per_client, global_ = receipt_limits()
    if hit(per_client, client_key(request)):
        hit(global_, "all")


def report_limit() -> RateLimit:
    """The per-client budget of new reports: written forms and chats that may become cases share it."""
    return RateLimit("report-client", settings.RECOURS_REPORT_RATE_PER_CLIENT, settings.RECOURS_REPORT_RATE_WINDOW)


def report_submission_allowed(request) -> bool:
    return hit(report_limit(), client_key(request))


def api_report_allowed(request) -> bool:
    rate = RateLimit("api-report", settings.RECOURS_API_REPORT_RATE_PER_CLIENT, 3600)
    return hit(rate, client_key(request))


def followup_message_allowed(request, *, case_id: int) -> bool:
    """Count one follow-up message (form or API): per client, then per case (its receipt).

    A client over its limit spends nothing of the case's budget.
    """
    window = settings.RECOURS_FOLLOWUP_MESSAGE_RATE_WINDOW
    per_client = RateLimit("message-client", settings.RECOURS_FOLLOWUP_MESSAGE_RATE_PER_CLIENT, window)
    per_case = RateLimit("message-case", settings.RECOURS_FOLLOWUP_MESSAGE_RATE_PER_CASE, window)
    if not hit(per_client, client_key(request)):
        return False
    return hit(per_case, keyed(f"case:{case_id}"))


def draft_upload_allowed(request) -> bool:
    """Count one file added to a report being written, per client (whatever its sessions)."""
    rate = RateLimit("upload-client", settings.RECOURS_UPLOAD_RATE_PER_CLIENT, settings.RECOURS_UPLOAD_RATE_WINDOW)
    return hit(rate, client_key(request))


def scope_client_key(scope) -> str:
    """`client_key` of an ASGI connection (a WebSocket): the same keyed hash of the same address."""
    from types import SimpleNamespace

    forwarded = ",".join(
        value.decode("latin1") for name, value in scope.get("headers", []) if name.lower() == b"x-forwarded-for"
    )
    meta = {"REMOTE_ADDR": (scope.get("client") or ("",))[0] or "", "HTTP_X_FORWARDED_FOR": forwarded}
    return client_key(SimpleNamespace(META=meta))
