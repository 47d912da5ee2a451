"""Logs: one JSON object per line, one line per request, nothing personal.

`RequestLogMiddleware` (right after the probes, core/health.py) writes one line per request to
the `recours.request` logger — method, route *name* (the URL pattern's name, never the path,
which may hold a case's or an orientation's reference), status and duration in ms — and
counts the same in the metrics (core/metrics.py). No query string, no client address, no
user-agent, no body, no header: a receipt (X-Receipt), a narrative or an address never gets
there. Uvicorn's own access log, which has the address and the full path, must be off
(`--no-access-log`, docs/operations.md).

`JsonFormatter` formats every record so (RECOURS_LOG_FORMAT=json, the production default);
`NoPathFilter` replaces the path that Django's `django.request` logger puts in its messages
("Not Found: /orientation/<token>/") by the route's name.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time

logger = logging.getLogger("recours.request")

REQUEST_FIELDS = ("method", "route", "status", "duration_ms")


def route_name(request) -> str:
    """The URL pattern's name ("intake:report"), or "unmatched" (a 404 of an unknown path)."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "unmatched"
    return match.view_name or getattr(match, "route", "") or "unnamed"


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        start = time.perf_counter()
        response = self.get_response(request)
        seconds = time.perf_counter() - start
        request_logged(route=route_name(request), method=request.method, status=response.status_code, seconds=seconds)
        return response


def request_logged(*, route: str, method: str, status: int, seconds: float) -> None:
    """The request's one log line and its metrics (also called for requests refused before Django)."""
    from recours.core import metrics

    metrics.request_observed(route=route, method=method, status=status, seconds=seconds)
    logger.info(
        "request", extra={"method": method, "route": route, "status": status, "duration_ms": round(seconds * 1000, 1)}
    )


class NoPathFilter(logging.Filter):
    """Django's request loggers say "<reason>: <path>": the path becomes the route's name."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if request is not None and isinstance(record.args, tuple) and len(record.args) == 2:
            record.args = (record.args[0], route_name(request))
        return True


class JsonFormatter(logging.Formatter):
    """{"time", "level", "logger", "message", and the request's fields when there}, one line."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for field in REQUEST_FIELDS:
            if hasattr(record, field):
                entry[field] = getattr(record, field)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
