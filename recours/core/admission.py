"""Admission control: past capacity, a fast 503 instead of a queue that ends in a pool timeout.

The expensive endpoints — sending a report (form and API), checking a receipt (follow-up, form
and API), starting a chat — each cost an Argon2 hash and several queries. Without a bound,
every request in flight has its own thread (Django runs each sync request in a thread of its
own under ASGI: asgiref's ThreadSensitiveContext, one per request) and waits for one of the
pool's connections; past capacity they all slow down together, then fail after the pool's
timeout. Here, per process:

- at most `RECOURS_ADMISSION_CONCURRENCY` expensive requests run at once; one that finds no
  free slot within `RECOURS_ADMISSION_WAIT_MS` is answered at once with a 503 and
  `Retry-After: RECOURS_ADMISSION_RETRY_AFTER` — JSON in French on the API, a French page on
  the form that keeps the draft (it is in the session) and offers to send it again;
- at most `RECOURS_HASH_CONCURRENCY` receipt hashes run at once (`hash_slot`, used by
  `core.receipts.receipt_hash`): Argon2 releases the GIL, so more hashes than cores only make
  each one slower, and each holds its 19 MiB;
- a connection that the pool cannot give within `DATABASE_POOL_TIMEOUT` (shorter than the
  request budget) is a 503 too (`OverloadMiddleware`), never a 500.

The bound is per process: with W uvicorn workers, the instance admits W × the setting.
Size it from the cores and the pool (docs/operations.md, "Overload"): admitted work that
needs a connection must always find one, so keep CONCURRENCY well under DATABASE_POOL_MAX_SIZE.
"""

from __future__ import annotations

import asyncio
import functools
import json
import threading
import time
from contextlib import contextmanager

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from recours.core.bodylimit import API_PREFIX

ADMITTED_KEY = "recours.admitted"
# Expensive API routes known from the method and path alone: refused by the ASGI gate, before
# Django (no thread, no middleware: a refusal costs a tenth of a millisecond, not one or two).
# Their views also carry @admission_required, which the gate's admission lets through and which
# guards them under any other server. (The form's submit is known only from its body.)
ASGI_GUARDED = {
    ("POST", "/api/v1/reports"): "api:report_create",
    ("GET", "/api/v1/followup"): "api:followup_read",
    ("POST", "/api/v1/followup/messages"): "api:followup_message",
}

_lock = threading.Lock()
_semaphores: dict[tuple[str, int], threading.BoundedSemaphore] = {}


def _semaphore(name: str, size: int) -> threading.BoundedSemaphore:
    """The process's semaphore of that name and size (a new size, e.g. in a test, a new one)."""
    key = (name, max(1, size))
    semaphore = _semaphores.get(key)
    if semaphore is None:
        with _lock:
            semaphore = _semaphores.setdefault(key, threading.BoundedSemaphore(key[1]))
    return semaphore


def _work_semaphore() -> threading.BoundedSemaphore:
    return _semaphore("work", settings.RECOURS_ADMISSION_CONCURRENCY)


def _refused(route: str) -> None:
    from recours.core import metrics

    metrics.overload_refused(route)


@contextmanager
def work_slot(route: str = ""):
    """Yields True when admitted (the slot is held until the block ends), False when full."""
    semaphore = _work_semaphore()
    admitted = semaphore.acquire(timeout=settings.RECOURS_ADMISSION_WAIT_MS / 1000)
    if not admitted:
        _refused(route)
    try:
        yield admitted
    finally:
        if admitted:
            semaphore.release()


@contextmanager
def hash_slot():
    """One Argon2 hash at a time per slot; waits (the request holding it was already admitted)."""
    semaphore = _semaphore("hash", settings.RECOURS_HASH_CONCURRENCY)
    with semaphore:
        yield


class async_work_slot:
    """`work_slot` for coroutines (the chat's consumer): `async with async_work_slot() as admitted`.

    Polls the same semaphore without blocking the event loop, for at most the same wait.
    """

    def __init__(self, route: str = ""):
        self.route, self.admitted, self.semaphore = route, False, _work_semaphore()

    async def __aenter__(self) -> bool:
        deadline = time.monotonic() + settings.RECOURS_ADMISSION_WAIT_MS / 1000
        while not (admitted := self.semaphore.acquire(blocking=False)) and time.monotonic() < deadline:
            await asyncio.sleep(0.005)
        self.admitted = admitted
        if not admitted:
            _refused(self.route)
        return admitted

    async def __aexit__(self, *exc_info) -> None:
        if self.admitted:
            self.semaphore.release()


def busy_message() -> str:
    return _(
        "Le service reçoit beaucoup de demandes en ce moment. Rien n'a été perdu : "
        "réessayez dans un instant."
    )


def overloaded_response(request):
    """The 503 of a refused request: JSON on the API, a page that offers to try again elsewhere."""
    retry_after = settings.RECOURS_ADMISSION_RETRY_AFTER
    if request.path.startswith(API_PREFIX):
        response = JsonResponse({"message": busy_message(), "errors": {}}, status=503)
    else:
        response = render(
            request,
            "core/overloaded.html",
            {"title": _("Service très sollicité"), "message": busy_message(), "retry_after": retry_after,
             "is_report": request.resolver_match is not None and request.resolver_match.view_name == "intake:report"},
            status=503,
        )
    response["Retry-After"] = str(retry_after)
    # Counted in the metrics and in the request's log line: not also an ERROR line each
    # (Django's django.request logs 5xx), which would flood the logs during an overload.
    response._has_been_logged = True
    return response


def admission_required(view=None, *, methods: tuple[str, ...] | None = None):
    """Decorator of an expensive view (or of the function a view calls for its expensive part,
    with the request first): a 503 at once when this process already runs its share.

    `methods`: only requests of these methods are counted (e.g. the POST that checks a
    receipt, not the GET of its form)."""

    def decorate(view):
        @functools.wraps(view)
        def guarded(request, *args, **kwargs):
            if methods is not None and request.method not in methods:
                return view(request, *args, **kwargs)
            if getattr(request, "scope", {}).get(ADMITTED_KEY):  # admitted by the ASGI gate below
                return view(request, *args, **kwargs)
            route = getattr(request.resolver_match, "view_name", "") or ""
            with work_slot(route) as admitted:
                if not admitted:
                    return overloaded_response(request)
                return view(request, *args, **kwargs)

        return guarded

    return decorate(view) if view is not None else decorate


def _is_pool_timeout(exception: BaseException) -> bool:
    try:
        from psycopg_pool import PoolTimeout
    except ImportError:  # pragma: no cover - psycopg_pool is a dependency
        return False
    seen = exception
    while seen is not None:
        if isinstance(seen, PoolTimeout):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


class OverloadMiddleware:
    """A view that could not get a database connection in time answers 503, not 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if _is_pool_timeout(exception):
            _refused(getattr(request.resolver_match, "view_name", "") or "")
            return overloaded_response(request)
        return None


class AdmissionASGIMiddleware:
    """The same bound at the ASGI level for `ASGI_GUARDED` routes (recours/asgi.py)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        route = ASGI_GUARDED.get((scope.get("method"), scope.get("path"))) if scope["type"] == "http" else None
        if route is None:
            return await self.app(scope, receive, send)
        start = time.perf_counter()
        async with async_work_slot(route) as admitted:
            if admitted:
                return await self.app({**scope, ADMITTED_KEY: True}, receive, send)
        body = json.dumps({"message": busy_message(), "errors": {}}, ensure_ascii=False).encode()
        await send({"type": "http.response.start", "status": 503, "headers": [
            (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
            (b"retry-after", str(settings.RECOURS_ADMISSION_RETRY_AFTER).encode()),
            (b"cache-control", b"no-store"), (b"x-content-type-options", b"nosniff"),
        ]})
        await send({"type": "http.response.body", "body": body})
        from recours.core.requestlog import request_logged

        request_logged(route=route, method=scope["method"], status=503, seconds=time.perf_counter() - start)
