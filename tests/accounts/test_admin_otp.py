"""Django's admin needs both factors too, through the console's login."""

from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.helpers import LOGIN_URL, PASSWORD, code_for, log_in, log_in_verified

ADMIN = "/gestion/admin/"


def test_a_superuser_with_the_password_only_is_not_let_in(client, admin_user):
    client.force_login(admin_user)
    response = client.get(ADMIN)
    assert response.status_code == 302 and response["Location"].startswith(f"{ADMIN}login/")


def test_the_admin_login_sends_to_the_console_login(client, db):
    response = client.get(f"{ADMIN}login/?next={ADMIN}")
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN_URL}?next={ADMIN}"


def test_the_admin_login_form_cannot_be_used_to_skip_the_code(client, admin_user):
    response = client.post(f"{ADMIN}login/", {"username": admin_user.username, "password": "password"})
    assert response.status_code == 302 and response["Location"].startswith(LOGIN_URL)
    assert client.get(ADMIN).status_code == 302


def test_a_superuser_with_both_factors_reaches_the_admin(client, django_user_model, db):
    django_user_model.objects.create_superuser(username="operatrice", password=PASSWORD, email="")
    device = TOTPDevice.objects.create(user=django_user_model.objects.get(username="operatrice"), confirmed=True)
    response = log_in(client, "operatrice", code=code_for(device), next=ADMIN)
    assert response["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200


def test_a_verified_user_who_is_not_staff_is_refused_without_a_loop(client, teams, make_staff):
    user, _ = make_staff("alice", teams["nantes"])
    log_in_verified(client, user)
    response = client.get(ADMIN, follow=True)
    assert response.status_code == 403


def test_the_admin_never_shows_a_totp_key(admin_client, admin_user):
    device = TOTPDevice.objects.get(user=admin_user)
    html = admin_client.get(f"{ADMIN}otp_totp/totpdevice/{device.pk}/change/").content.decode()
    assert device.key not in html
