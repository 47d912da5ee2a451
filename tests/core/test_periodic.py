"""Periodic jobs: each runs once per period whoever calls the runner, and says how it went."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from recours.core import periodic
from recours.core.models import PeriodicRun

NOW = timezone.now()


def test_the_platform_schedules_mail_retries_housekeeping_and_the_retention_purge(db):
    jobs = periodic.jobs_discover()
    assert {"mail.retry", "housekeeping", "retention.purge"} <= set(jobs)
    assert jobs["mail.retry"].every == dt.timedelta(minutes=1)
    assert jobs["retention.purge"].every == dt.timedelta(days=1)


def test_each_job_runs_once_per_period_however_often_the_runner_is_called(db):
    first = periodic.run_periodic(now=NOW)
    assert {"mail.retry", "housekeeping", "retention.purge"} <= set(first)
    assert periodic.run_periodic(now=NOW) == []  # a second runner at the same moment gets nothing
    assert periodic.run_periodic(now=NOW + dt.timedelta(seconds=61)) == ["mail.retry"]
    later = periodic.run_periodic(now=NOW + dt.timedelta(hours=1, minutes=2))
    # Hourly and more often (other apps add theirs, e.g. chat.stale), not the daily purge.
    assert {"mail.retry", "housekeeping"} <= set(later) and "retention.purge" not in later
    assert "retention.purge" in periodic.run_periodic(now=NOW + dt.timedelta(days=1, minutes=3))


def test_a_job_that_ran_says_what_it_did(db):
    periodic.run_periodic(now=NOW, only=("housekeeping",))
    run = PeriodicRun.objects.get(name="housekeeping")
    assert run.last_status == PeriodicRun.Status.OK and run.last_started_at == NOW
    assert run.last_summary.startswith("drafts 0, files 0") and run.last_finished_at is not None
    assert run.next_due_at == NOW + dt.timedelta(hours=1)


@pytest.fixture
def failing_job():
    @periodic.periodic_job("test.failing", every=dt.timedelta(minutes=5), description="always fails")
    def fail():
        raise RuntimeError("the mail server is down")

    yield
    periodic.JOBS.pop("test.failing")


def test_a_failing_job_is_recorded_and_does_not_stop_the_others(db, failing_job):
    started = periodic.run_periodic(now=NOW)
    assert "test.failing" in started and "mail.retry" in started
    failed = PeriodicRun.objects.get(name="test.failing")
    assert failed.last_status == PeriodicRun.Status.FAILED and "the mail server is down" in failed.last_summary
    assert PeriodicRun.objects.get(name="mail.retry").last_status == PeriodicRun.Status.OK
    assert "test.failing" in periodic.run_periodic(now=NOW + dt.timedelta(minutes=5))  # tried again next period


def test_the_command_starts_due_jobs_and_shows_their_state(db):
    out = io.StringIO()
    call_command("run_periodic", stdout=out)
    assert "retention.purge" in out.getvalue()
    out = io.StringIO()
    call_command("run_periodic", "--status", stdout=out)
    lines = out.getvalue().splitlines()
    assert any(line.startswith("retention.purge") and " ok: aucun dossier purgé" in line for line in lines)
