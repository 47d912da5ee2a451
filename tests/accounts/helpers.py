"""Helpers of the accounts tests: staff with a TOTP device, codes computed from the key, the login form."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from recours.accounts.otp import totp_token

LOGIN_URL = "/console/connexion/"
ENROL_URL = "/console/connexion/application/"
HOME_URL = "/console/"
PASSWORD = "un mot de passe de test assez long"
GENERIC_ERROR = "Identifiant, mot de passe ou code incorrect."


def code_for(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code the person's app shows now (or `steps_ahead` periods of 30 s later, still accepted)."""
    import time

    return totp_token(device.key, at=time.time() + steps_ahead * device.step)


def wrong_code_for(device: TOTPDevice) -> str:
    """A well-formed code that is none of the ones accepted now."""
    accepted = {code_for(device, steps_ahead=n) for n in (-1, 0, 1)}
    return next(f"{n:06d}" for n in range(1_000_000) if f"{n:06d}" not in accepted)


def log_in(client, username: str, password: str = PASSWORD, code: str = "", **extra):
    """Post the console's login form."""
    return client.post(LOGIN_URL, {"username": username, "password": password, "code": code, **extra})


def log_in_verified(client, user) -> TOTPDevice:
    """Log a user in as if they had given both factors (for tests about what comes after the login)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="test", confirmed=True
    )
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def error_summary(response) -> str:
    """The text of the page's error summary ("" when there is none)."""
    import re

    from tests.theme.helpers import parse

    match = re.search(r'<div class="error-summary".*?</div>', response.content.decode(), re.DOTALL)
    return parse(match.group(0)).plain_text if match else ""
