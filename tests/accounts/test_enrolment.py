"""First login: a staff member without a device sets up an authenticator app, then logs in with it."""

import re
from base64 import b32encode

from django.contrib.auth import SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from recours.accounts.otp import totp_token
from tests.accounts.helpers import (
    ENROL_URL, GENERIC_ERROR, HOME_URL, LOGIN_URL, code_for, error_summary, log_in, wrong_code_for,
)
from tests.theme.helpers import parse


def secret_on(page_html: str) -> str:
    return re.search(r'<code id="totp-secret">([A-Z2-7 ]+)</code>', page_html).group(1).replace(" ", "")


def test_a_right_password_without_a_device_leads_to_the_setup_not_to_the_console(client, teams, make_staff):
    make_staff("alice", teams["nantes"], device=False)
    response = log_in(client, "alice")
    assert response["Location"] == ENROL_URL
    assert SESSION_KEY not in client.session
    assert client.get(HOME_URL).status_code == 302


def test_the_setup_page_shows_a_qr_code_as_inline_svg_and_the_key_as_text(client, teams, make_staff):
    user, _ = make_staff("alice", teams["nantes"], device=False)
    log_in(client, "alice")
    html = client.get(ENROL_URL).content.decode()
    page = parse(html)
    assert len(page.find_all("svg")) == 1 and page.find_all("svg")[0]["role"] == "img"
    assert not page.inline_problems  # no style attribute, no inline script
    assert "data:" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]
    device = TOTPDevice.objects.get(user=user)
    assert not device.confirmed
    assert secret_on(html) == b32encode(device.bin_key).decode().rstrip("=")


def test_the_key_stays_the_same_when_the_page_is_reloaded(client, teams, make_staff):
    make_staff("alice", teams["nantes"], device=False)
    log_in(client, "alice")
    assert secret_on(client.get(ENROL_URL).content.decode()) == secret_on(client.get(ENROL_URL).content.decode())


def test_a_code_from_the_app_confirms_the_device_and_logs_in(client, teams, make_staff):
    user, _ = make_staff("alice", teams["nantes"], device=False)
    log_in(client, "alice")
    client.get(ENROL_URL)
    device = TOTPDevice.objects.get(user=user)
    response = client.post(ENROL_URL, {"code": totp_token(device.key)})
    assert response["Location"] == HOME_URL
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(HOME_URL).status_code == 200


def test_after_the_setup_the_login_asks_for_the_code(client, teams, make_staff):
    user, _ = make_staff("alice", teams["nantes"], device=False)
    log_in(client, "alice")
    client.get(ENROL_URL)
    device = TOTPDevice.objects.get(user=user)
    client.post(ENROL_URL, {"code": code_for(device)})
    client.logout()
    assert GENERIC_ERROR in log_in(client, "alice").content.decode()
    assert log_in(client, "alice", code=code_for(device, steps_ahead=1)).status_code == 302


def test_a_wrong_code_does_not_confirm_the_device(client, teams, make_staff):
    user, _ = make_staff("alice", teams["nantes"], device=False)
    log_in(client, "alice")
    client.get(ENROL_URL)
    response = client.post(ENROL_URL, {"code": wrong_code_for(TOTPDevice.objects.get(user=user))})
    assert "Ce code ne correspond pas." in error_summary(response)
    assert not TOTPDevice.objects.get(user=user).confirmed
    assert SESSION_KEY not in client.session


def test_wrong_codes_during_the_setup_lock_the_account(client, teams, make_staff, settings):
    settings.RECOURS_LOGIN_MAX_FAILURES = 3
    user, _ = make_staff("alice", teams["nantes"], device=False)
    log_in(client, "alice")
    client.get(ENROL_URL)
    for _ in range(3):
        response = client.post(ENROL_URL, {"code": "abcdef"})
    assert GENERIC_ERROR in error_summary(response)
    assert client.get(ENROL_URL)["Location"] == LOGIN_URL
    assert GENERIC_ERROR in log_in(client, "alice").content.decode()


def test_the_setup_page_is_closed_to_whoever_has_not_given_a_password(client, teams, make_staff):
    make_staff("alice", teams["nantes"], device=False)
    assert client.get(ENROL_URL)["Location"] == LOGIN_URL
    assert client.post(ENROL_URL, {"code": "123456"})["Location"] == LOGIN_URL
    assert not TOTPDevice.objects.exists()


def test_the_setup_must_be_finished_in_time(client, teams, make_staff, settings):
    settings.RECOURS_LOGIN_PENDING_SECONDS = -1
    make_staff("alice", teams["nantes"], device=False)
    log_in(client, "alice")
    assert client.get(ENROL_URL)["Location"] == LOGIN_URL


def test_a_user_with_a_device_cannot_set_up_another_one_with_the_password_alone(client, teams, make_staff):
    user, device = make_staff("alice", teams["nantes"])
    assert log_in(client, "alice").status_code == 200
    assert client.get(ENROL_URL)["Location"] == LOGIN_URL
    assert TOTPDevice.objects.filter(user=user).count() == 1
