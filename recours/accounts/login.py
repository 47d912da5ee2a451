"""Staff login: password and TOTP code checked together, lockout, enrolment of an authenticator app.

One form asks for the username, the password and the code. Whatever is wrong — an
unknown user, the password, the code, a locked account, too many tries from one
address — the answer is the same generic message: the page never tells an attacker
that a password was right, nor that an account exists. (A two-page login, password
then code, would tell them at the second page.)

Lockout, counted on failures of either factor, by source (the client's address as a keyed
hash, an IPv6 /64 as one: recours.core.ratelimit) so that whoever knows a username cannot
lock its owner out from one address:
- per account and source: RECOURS_LOGIN_MAX_FAILURES consecutive failures on an account
  from one source block that source for that account for RECOURS_LOGIN_LOCKOUT_SECONDS
  (LoginSource); the person logs in from her own machine meanwhile;
- per source: RECOURS_LOGIN_CLIENT_MAX_FAILURES failures from one source in a window of the
  same length, whatever the accounts, block the source (recours.core.ratelimit);
- per account: RECOURS_LOGIN_ACCOUNT_MAX_FAILURES failures from every source lock the account
  (StaffProfile), even against the right password and code. A blocked source no longer
  counts, and its next failure comes a whole period after its last (which starts the
  account's count again), so one source alone never reaches it: only an attack from many
  sources does.
The password is hashed on every attempt of a source that is not blocked everywhere, locked
account or not, so the time taken says nothing either.

A user whose password is right but who has no confirmed device yet (first login) is
walked through enrolment: an unconfirmed TOTPDevice, its key shown as a QR code and as
text, confirmed by a first code.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
from dataclasses import dataclass

import django_otp
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from recours.accounts.models import LoginSource, StaffProfile
from recours.core import ratelimit

logger = logging.getLogger("recours.accounts")

GENERIC_ERROR = _(
    "Identifiant, mot de passe ou code incorrect. Après plusieurs essais manqués, la connexion est bloquée "
    "pendant %(minutes)d minutes."
)


def generic_error() -> str:
    return GENERIC_ERROR % {"minutes": max(1, settings.RECOURS_LOGIN_LOCKOUT_SECONDS // 60)}


def client_limit() -> ratelimit.RateLimit:
    return ratelimit.RateLimit(
        "staff-login-client", settings.RECOURS_LOGIN_CLIENT_MAX_FAILURES, settings.RECOURS_LOGIN_LOCKOUT_SECONDS
    )


@dataclass(frozen=True)
class LoginResult:
    """`user` is set when the password is right and either the code is too (`device`) or enrolment is due."""

    user: object | None = None
    device: TOTPDevice | None = None
    needs_enrolment: bool = False

    @property
    def verified(self) -> bool:
        return self.user is not None and self.device is not None


def account_is_locked(user, *, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return StaffProfile.objects.filter(user=user, locked_until__gt=now).exists()


def source_is_blocked(user, *, client: str, now: dt.datetime | None = None) -> bool:
    """Whether this source is blocked for this account (too many failures from it)."""
    now = now or timezone.now()
    return LoginSource.objects.filter(user=user, source=client, locked_until__gt=now).exists()


def _refused(user, *, client: str) -> bool:
    """The account is locked, or this source is blocked for it."""
    return account_is_locked(user) or source_is_blocked(user, client=client)


def account_max_failures() -> int:
    """Failures (all sources) that lock an account: always above what one source may make."""
    return max(settings.RECOURS_LOGIN_ACCOUNT_MAX_FAILURES, settings.RECOURS_LOGIN_MAX_FAILURES + 1)


def login_failure_record(*, user, client: str) -> None:
    """Count one failed attempt for the source and, if the account exists, for the account from
    that source (maybe blocking the source for it) and for the account (maybe locking it)."""
    ratelimit.hit(client_limit(), client)
    if user is None:
        return
    now = timezone.now()
    window = dt.timedelta(seconds=settings.RECOURS_LOGIN_LOCKOUT_SECONDS)
    with transaction.atomic():
        # Rows of past periods go (this account's only: the table stays small, no job needed).
        LoginSource.objects.filter(user=user, last_failed_login_at__lte=now - window).exclude(
            locked_until__gt=now
        ).delete()
        source, _created = LoginSource.objects.select_for_update().get_or_create(
            user=user, source=client, defaults={"last_failed_login_at": now}
        )
        if now - source.last_failed_login_at >= window:
            source.failed_login_count = 0
        source.failed_login_count += 1
        source.last_failed_login_at = now
        if source.failed_login_count >= settings.RECOURS_LOGIN_MAX_FAILURES:
            source.locked_until = now + window
            source.failed_login_count = 0
            logger.warning("A source is blocked for staff account %s after %d failed logins.", user.pk,
                           settings.RECOURS_LOGIN_MAX_FAILURES)
        source.save()

        profile, _created = StaffProfile.objects.select_for_update().get_or_create(user=user)
        if profile.last_failed_login_at and now - profile.last_failed_login_at >= window:
            profile.failed_login_count = 0  # failures long apart are not an attack
        profile.failed_login_count += 1
        profile.last_failed_login_at = now
        if profile.failed_login_count >= account_max_failures():
            profile.locked_until = now + window
            profile.failed_login_count = 0
            logger.warning("Staff account %s locked after %d failed logins from several sources.", user.pk,
                           account_max_failures())
        profile.save()


def login_success_record(*, user, client: str) -> None:
    """Both factors were right from this source: its failures and the account's are cleared."""
    StaffProfile.objects.filter(user=user).update(failed_login_count=0, last_failed_login_at=None, locked_until=None)
    LoginSource.objects.filter(user=user, source=client).delete()


def _normalise_code(code: str) -> str:
    return "".join((code or "").split())


def _verify(user, device: TOTPDevice, code: str) -> bool:
    code = _normalise_code(code)
    if not code.isdigit() or len(code) != device.digits:
        return False
    return django_otp.verify_token(user, device.persistent_id, code) is not None


def login_check(*, request, username: str, password: str, code: str) -> LoginResult:
    """Check both factors; a LoginResult with no user means: show the generic error."""
    client = ratelimit.client_key(request)
    if ratelimit.is_limited(client_limit(), client):
        return LoginResult()
    user = authenticate(request, username=username, password=password)
    account = user or get_user_model().objects.filter(username=username).first()
    if account is not None and _refused(account, client=client):
        ratelimit.hit(client_limit(), client)  # counts for the source, not against the account
        return LoginResult()
    if user is None:
        login_failure_record(user=account, client=client)
        return LoginResult()
    devices = list(TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("pk"))
    if not devices:
        return LoginResult(user=user, needs_enrolment=True)
    for device in devices:
        if _verify(user, device, code):
            login_success_record(user=user, client=client)
            return LoginResult(user=user, device=device)
    login_failure_record(user=user, client=client)
    return LoginResult()


def enrolment_device_get(*, user, device_id: int | None = None) -> TOTPDevice:
    """The unconfirmed device being set up (the same across page loads), made if there is none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False, pk=device_id).first() if device_id else None
    if device is None:
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()  # abandoned attempts
        device = TOTPDevice.objects.create(user=user, name=str(_("Application d'authentification")), confirmed=False)
    return device


class Enrolment(enum.Enum):
    CONFIRMED = "confirmed"
    WRONG_CODE = "wrong_code"
    LOCKED = "locked"


def enrolment_confirm(*, request, user, device: TOTPDevice, code: str) -> Enrolment:
    """Confirm the device with a first code from the app; wrong codes count towards the lockout."""
    client = ratelimit.client_key(request)
    if ratelimit.is_limited(client_limit(), client) or _refused(user, client=client):
        return Enrolment.LOCKED
    if TOTPDevice.objects.devices_for_user(user, confirmed=True).exists():
        return Enrolment.LOCKED  # set up meanwhile elsewhere: log in with it instead
    if not _verify(user, device, code):
        login_failure_record(user=user, client=client)
        return Enrolment.LOCKED if _refused(user, client=client) else Enrolment.WRONG_CODE
    TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True)
    device.confirmed = True
    login_success_record(user=user, client=client)
    return Enrolment.CONFIRMED
