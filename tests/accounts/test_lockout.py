"""Lockout: repeated failures of either factor from one client lock the account for that client (see
test_lockout_by_source.py for other clients), then the lock ends by itself."""

import datetime as dt
from contextlib import contextmanager
from unittest import mock

from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.utils import timezone

from recours.accounts.models import LoginSource, StaffProfile
from tests.accounts.helpers import GENERIC_ERROR, code_for, error_summary, log_in, wrong_code_for


@contextmanager
def seconds_later(seconds: int):
    later = timezone.now() + dt.timedelta(seconds=seconds)
    with mock.patch("django.utils.timezone.now", return_value=later):
        yield


def test_five_wrong_passwords_lock_the_account_even_against_the_right_password_and_code(client, teams, make_staff):
    user, device = make_staff("alice", teams["nantes"])
    for _ in range(5):
        log_in(client, "alice", password="pas le bon", code=code_for(device))
    response = log_in(client, "alice", code=code_for(device))
    assert GENERIC_ERROR in response.content.decode()
    assert SESSION_KEY not in client.session


def test_wrong_codes_count_as_failures_too(client, teams, make_staff):
    user, device = make_staff("alice", teams["nantes"])
    for _ in range(5):
        log_in(client, "alice", code=wrong_code_for(device))
    assert LoginSource.objects.get(user=user).locked_until > timezone.now()  # this source, for this account
    assert GENERIC_ERROR in log_in(client, "alice", code=code_for(device)).content.decode()


def test_the_lock_ends_after_the_lockout_period(client, teams, make_staff, settings):
    user, device = make_staff("alice", teams["nantes"])
    for _ in range(5):
        log_in(client, "alice", password="pas le bon")
    with seconds_later(settings.RECOURS_LOGIN_LOCKOUT_SECONDS - 60):
        assert GENERIC_ERROR in log_in(client, "alice", code=code_for(device)).content.decode()
    with seconds_later(settings.RECOURS_LOGIN_LOCKOUT_SECONDS + 1):
        assert log_in(client, "alice", code=code_for(device)).status_code == 302


def test_the_number_of_failures_and_the_period_are_settings(client, teams, make_staff, settings):
    settings.RECOURS_LOGIN_MAX_FAILURES = 2
    settings.RECOURS_LOGIN_LOCKOUT_SECONDS = 60
    user, device = make_staff("alice", teams["nantes"])
    log_in(client, "alice", password="pas le bon")
    log_in(client, "alice", password="pas le bon")
    assert GENERIC_ERROR in log_in(client, "alice", code=code_for(device)).content.decode()
    with seconds_later(61):
        assert log_in(client, "alice", code=code_for(device)).status_code == 302


def test_a_successful_login_clears_the_failures(client, teams, make_staff):
    user, device = make_staff("alice", teams["nantes"])
    for _ in range(4):
        log_in(client, "alice", password="pas le bon")
    assert log_in(client, "alice", code=code_for(device)).status_code == 302
    client.logout()
    for _ in range(4):
        log_in(client, "alice", password="pas le bon")
    assert log_in(client, "alice", code=code_for(device, steps_ahead=1)).status_code == 302


def test_failures_far_apart_do_not_add_up(client, teams, make_staff, settings):
    user, device = make_staff("alice", teams["nantes"])
    for _ in range(4):
        log_in(client, "alice", password="pas le bon")
    with seconds_later(settings.RECOURS_LOGIN_LOCKOUT_SECONDS + 1):
        log_in(client, "alice", password="pas le bon")
        assert log_in(client, "alice", code=code_for(device)).status_code == 302


def test_one_client_trying_many_accounts_is_stopped(client, teams, make_staff, settings):
    settings.RECOURS_LOGIN_CLIENT_MAX_FAILURES = 3
    user, device = make_staff("alice", teams["nantes"])
    for name in ("bob", "carole", "david"):
        log_in(client, name, password="pas le bon")
    assert GENERIC_ERROR in log_in(client, "alice", code=code_for(device)).content.decode()
    assert not StaffProfile.objects.filter(user=user, locked_until__isnull=False).exists()
    other_client = Client(REMOTE_ADDR="192.0.2.7")
    assert log_in(other_client, "alice", code=code_for(device)).status_code == 302


def test_a_locked_account_looks_like_a_wrong_password(client, teams, make_staff):
    user, device = make_staff("alice", teams["nantes"])
    wrong = error_summary(log_in(client, "alice", password="pas le bon"))
    for _ in range(4):
        log_in(client, "alice", password="pas le bon")
    locked = error_summary(log_in(client, "alice", code=code_for(device)))
    assert GENERIC_ERROR in wrong
    assert locked == wrong
