"""Staff login: password and TOTP code checked together, lockout, enrolment of an authenticator app.

One form asks for the username, the password and the code. Whatever is wrong — an
unknown user, the password, the code, a locked account, too many tries from one
address — the answer is the same generic message: the page never tells an attacker
that a password was right, nor that an account exists. (A two-page login, password
then code, would tell them at the second page.)

Lockout, counted on failures of either factor:
- per account: RECOURS_LOGIN_MAX_FAILURES consecutive failures lock the account for
  RECOURS_LOGIN_LOCKOUT_SECONDS, even with the right password and code (StaffProfile);
- per client: RECOURS_LOGIN_CLIENT_MAX_FAILURES failures from one address in a window
  of the same length (recours.core.ratelimit, a keyed hash of the address).
The password is hashed on every attempt of a client that is not blocked, locked
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

from recours.accounts.models import StaffProfile
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


def login_failure_record(*, user, client: str) -> None:
    """Count one failed attempt for the client and, if the account exists, for the account (maybe locking it)."""
    ratelimit.hit(client_limit(), client)
    if user is None:
        return
    now = timezone.now()
    window = dt.timedelta(seconds=settings.RECOURS_LOGIN_LOCKOUT_SECONDS)
    with transaction.atomic():
        profile, _created = StaffProfile.objects.select_for_update().get_or_create(user=user)
        if profile.last_failed_login_at and now - profile.last_failed_login_at > window:
            profile.failed_login_count = 0  # failures long apart are not an attack
        profile.failed_login_count += 1
        profile.last_failed_login_at = now
        if profile.failed_login_count >= settings.RECOURS_LOGIN_MAX_FAILURES:
            profile.locked_until = now + window
            profile.failed_login_count = 0
            logger.warning("Staff account %s locked after %d failed logins.", user.pk, settings.RECOURS_LOGIN_MAX_FAILURES)
        profile.save()


def login_success_record(*, user) -> None:
    StaffProfile.objects.filter(user=user).update(failed_login_count=0, last_failed_login_at=None, locked_until=None)


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
    if account is not None and account_is_locked(account):
        ratelimit.hit(client_limit(), client)
        return LoginResult()
    if user is None:
        login_failure_record(user=account, client=client)
        return LoginResult()
    devices = list(TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("pk"))
    if not devices:
        return LoginResult(user=user, needs_enrolment=True)
    for device in devices:
        if _verify(user, device, code):
            login_success_record(user=user)
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
    if ratelimit.is_limited(client_limit(), client) or account_is_locked(user):
        return Enrolment.LOCKED
    if TOTPDevice.objects.devices_for_user(user, confirmed=True).exists():
        return Enrolment.LOCKED  # set up meanwhile elsewhere: log in with it instead
    if not _verify(user, device, code):
        login_failure_record(user=user, client=client)
        return Enrolment.LOCKED if account_is_locked(user) else Enrolment.WRONG_CODE
    TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True)
    device.confirmed = True
    login_success_record(user=user)
    return Enrolment.CONFIRMED
