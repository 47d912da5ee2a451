"""Periodic jobs: the platform's own schedule (mail retries, housekeeping, retention purge).

Each app registers its jobs (`periodic_job`) in its `jobs.py`; `run_periodic()`, called
every minute by `manage.py run_periodic` (a loop in `make run`, a timer or a cron entry in
production), enqueues every job that is due as a background task (Django's tasks API:
at once in the embedded setup, on the worker in production). Any number of processes or
machines may call it: a job is claimed by one conditional UPDATE of its `PeriodicRun`
row (due → next due), so it runs once per period, whatever the database. The row also
says when it last ran, how it went and what it did, for the console and for monitoring.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Callable

from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    every: dt.timedelta
    function: Callable[[], str]  # returns a one-line summary of what it did
    description: str


JOBS: dict[str, Job] = {}


def periodic_job(name: str, *, every: dt.timedelta, description: str):
    """Register a function as a periodic job (it returns a short summary of what it did)."""

    def register(function):
        JOBS[name] = Job(name=name, every=every, function=function, description=description)
        return function

    return register


def jobs_discover() -> dict[str, Job]:
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("jobs")
    return JOBS


@task()
def periodic_job_run(name: str) -> str:
    """Run one job and record how it went (the task a worker runs)."""
    from recours.core.models import PeriodicRun

    job = jobs_discover()[name]
    started = timezone.now()
    try:
        summary = str(job.function() or "")[:500]
    except Exception as error:  # recorded and shown, then raised for the task backend to log
        PeriodicRun.objects.filter(name=name).update(
            last_finished_at=timezone.now(), last_status=PeriodicRun.Status.FAILED,
            last_summary=f"{type(error).__name__}: {error}"[:500],
        )
        raise
    PeriodicRun.objects.filter(name=name).update(
        last_finished_at=timezone.now(), last_status=PeriodicRun.Status.OK, last_summary=summary,
        last_duration_ms=int((timezone.now() - started).total_seconds() * 1000),
    )
    return summary


def _claim(name: str, every: dt.timedelta, now: dt.datetime) -> bool:
    """Take the job for this period: one conditional UPDATE, so two runners never both win."""
    from recours.core.models import PeriodicRun

    PeriodicRun.objects.get_or_create(name=name, defaults={"next_due_at": now})
    return bool(PeriodicRun.objects.filter(name=name, next_due_at__lte=now).update(
        next_due_at=now + every, last_started_at=now, last_status=PeriodicRun.Status.RUNNING,
    ))


def run_periodic(*, now: dt.datetime | None = None, only: tuple[str, ...] = ()) -> list[str]:
    """Enqueue every job that is due; returns the names of the jobs started."""
    now = now or timezone.now()
    started = []
    for name, job in sorted(jobs_discover().items()):
        if only and name not in only:
            continue
        if _claim(name, job.every, now):
            started.append(name)
            try:
                periodic_job_run.enqueue(name)
            except Exception:  # a job that fails is recorded on its row; the others still run
                logger.exception("periodic job %s failed", name)
    return started


def periodic_status() -> list[dict]:
    """Each job with its last run, for the console."""
    from recours.core.models import PeriodicRun

    runs = {run.name: run for run in PeriodicRun.objects.all()}
    return [{"job": job, "run": runs.get(name)} for name, job in sorted(jobs_discover().items())]
