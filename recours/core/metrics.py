"""Metrics in Prometheus' text format, at `/metrics`, for the operators' scraper only.

prometheus_client (the Prometheus project's own Python client) keeps the counters. Two kinds:

- counted by the web processes as requests pass (`RequestLogMiddleware`, `core.admission`):
  request latency by route name (the URL pattern's name, never the path: a path may hold a
  reference), method and status; requests refused by admission control (503) by route;
- read from the database at each scrape (`DatabaseCollector`): the gauges the apps declare in
  their `metrics.py` (`metrics_gauge`: chats waiting, new cases — the advisers' queue), and
  core's own: background tasks pending and failed, outbox mails pending and failed, and each periodic job's last start, end and status. They are the same whichever
  process answers.

Several uvicorn workers are several processes: with `PROMETHEUS_MULTIPROC_DIR` set (an empty
directory, emptied before the server starts, docs/operations.md "Metrics"), each process
writes its counters there and a scrape of any worker sums them all (prometheus_client's
multiprocess mode). Without it, each process answers with its own counters only.

`/metrics` is answered before the host check, sessions and logs (`core.health`), only with
`Authorization: Bearer <RECOURS_METRICS_TOKEN>`; without that setting it does not exist (404).
Nothing personal is in any metric: names of routes and jobs, counts, durations.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Callable

from django.conf import settings
from django.http import HttpResponse
from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST

METRICS_PATH = "/metrics"

REQUEST_SECONDS = Histogram(
    "recours_http_request_duration_seconds",
    "Time to answer an HTTP request, by route name, method and status.",
    ["route", "method", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
OVERLOAD_REFUSED = Counter(
    "recours_overload_refused",
    "Requests answered 503 by admission control (or for want of a pooled connection), by route.",
    ["route"],
)


def request_observed(*, route: str, method: str, status: int, seconds: float) -> None:
    REQUEST_SECONDS.labels(route=route, method=method, status=str(status)).observe(seconds)


def overload_refused(route: str) -> None:
    OVERLOAD_REFUSED.labels(route=route or "unknown").inc()


# Gauges the apps declare in their own `metrics.py` (found like `jobs.py`): name -> (help, a
# function giving the value at scrape time). Core knows none of the apps' tables.
GAUGES: dict[str, tuple[str, Callable[[], float]]] = {}


def metrics_gauge(name: str, help_text: str):
    """Register a gauge read from the database at each scrape: `@metrics_gauge("recours_x", "...")`."""

    def register(function: Callable[[], float]) -> Callable[[], float]:
        GAUGES[name] = (help_text, function)
        return function

    return register


def gauges_discover() -> dict[str, tuple[str, Callable[[], float]]]:
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("metrics")
    return GAUGES


class DatabaseCollector:
    """Gauges read from the database when scraped (a few counts on indexed columns)."""

    def collect(self):
        from django.apps import apps

        from recours.core.models import MailStatus, OutboundMail, PeriodicRun

        for name, (help_text, function) in sorted(gauges_discover().items()):
            yield GaugeMetricFamily(name, help_text, value=function())
        mails = GaugeMetricFamily("recours_mails", "Outbox mails by status (pending or failed).", labels=["status"])
        for status in (MailStatus.PENDING, MailStatus.FAILED):
            mails.add_metric([str(status)], OutboundMail.objects.filter(status=status).count())
        yield mails
        if apps.is_installed("django_tasks_db"):
            from django_tasks_db.models import DBTaskResult

            tasks = GaugeMetricFamily(
                "recours_tasks", "Background tasks in the database backend, by status.", labels=["status"]
            )
            tasks.add_metric(["pending"], DBTaskResult.objects.ready().count())
            tasks.add_metric(["running"], DBTaskResult.objects.running().count())
            tasks.add_metric(["failed"], DBTaskResult.objects.failed().count())
            yield tasks
        started = GaugeMetricFamily(
            "recours_periodic_last_started_timestamp_seconds", "When each periodic job last started.", labels=["job"]
        )
        finished = GaugeMetricFamily(
            "recours_periodic_last_finished_timestamp_seconds", "When each periodic job last finished.",
            labels=["job"],
        )
        failed = GaugeMetricFamily(
            "recours_periodic_last_failed", "1 when a periodic job's last run failed.", labels=["job"]
        )
        for run in PeriodicRun.objects.all():
            if run.last_started_at:
                started.add_metric([run.name], run.last_started_at.timestamp())
            if run.last_finished_at:
                finished.add_metric([run.name], run.last_finished_at.timestamp())
            failed.add_metric([run.name], 1.0 if run.last_status == PeriodicRun.Status.FAILED else 0.0)
        yield started
        yield finished
        yield failed


def _process_registry():
    """The counters of every worker (multiprocess mode), or of this process."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return registry
    return REGISTRY


def _database_registry() -> CollectorRegistry:
    registry = CollectorRegistry(auto_describe=False)
    registry.register(DatabaseCollector())
    return registry


def _authorised(request) -> bool:
    expected = f"Bearer {settings.RECOURS_METRICS_TOKEN}"
    given = request.META.get("HTTP_AUTHORIZATION", "")
    return hmac.compare_digest(given.encode(), expected.encode())


def metrics_view(request):
    if not settings.RECOURS_METRICS_TOKEN:
        return HttpResponse(status=404)
    if not _authorised(request):
        response = HttpResponse(status=401)
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    body = generate_latest(_process_registry()) + generate_latest(_database_registry())
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)
