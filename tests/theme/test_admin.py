"""The instance settings in the admin: one row, and a logo checked by its content."""

from django.core.files.uploadedfile import SimpleUploadedFile

from recours.core.instance import instance_get
from recours.core.models import InstanceSettings
from tests.theme.helpers import png_bytes

CHANGE_URL = "/gestion/admin/core/instancesettings/1/change/"


def change_form_data(**overrides):
    data = {
        "name": "recours",
        "operator": "Ville de Nantes",
        "tagline": "",
        "logo_alt": "",
        "colour_primary": "#1d4f91",
        "colour_accent": "#b3261e",
        "phone": "",
        "phone_hours": "",
        "contact_email": "",
        "neutral_site_url": "https://www.meteofrance.com/",
        "legal_notice": "",
        "privacy_notice": "",
        "accessibility_notice": "",
        "accessibility_conformity": "none",
    }
    data.update(overrides)
    return data


def test_the_changelist_goes_straight_to_the_one_row(admin_client):
    instance_get()
    response = admin_client.get("/gestion/admin/core/instancesettings/")
    assert response.status_code == 302
    assert response["Location"] == CHANGE_URL


def test_the_changelist_offers_to_create_the_row_when_there_is_none(admin_client):
    response = admin_client.get("/gestion/admin/core/instancesettings/")
    assert response["Location"] == "/gestion/admin/core/instancesettings/add/"


def test_a_second_row_cannot_be_added(admin_client):
    instance_get()
    assert admin_client.get("/gestion/admin/core/instancesettings/add/").status_code == 403


def test_the_row_cannot_be_deleted(admin_client):
    instance_get()
    assert admin_client.post("/gestion/admin/core/instancesettings/1/delete/", {"post": "yes"}).status_code == 403
    assert InstanceSettings.objects.exists()


def test_the_settings_are_saved(admin_client):
    instance_get()
    response = admin_client.post(CHANGE_URL, change_form_data(phone="01 23 45 67 89", colour_primary="#005a32"))
    assert response.status_code == 302
    instance = instance_get()
    assert (instance.phone, instance.colour_primary) == ("01 23 45 67 89", "#005a32")


def test_the_admin_says_the_default_legal_texts_must_be_replaced(admin_client):
    instance_get()
    assert "remplacez-le par le vôtre" in admin_client.get(CHANGE_URL).content.decode()


def test_the_admin_accepts_a_png_logo_and_names_it_by_its_content(admin_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    instance_get()
    logo = SimpleUploadedFile("mon logo.gif", png_bytes(), content_type="image/gif")
    response = admin_client.post(CHANGE_URL, change_form_data(logo=logo))
    assert response.status_code == 302
    assert instance_get().logo.name.endswith(".png")


def test_the_admin_refuses_a_script_disguised_as_a_logo(admin_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    instance_get()
    fake = SimpleUploadedFile("logo.png", b"<script>alert(document.cookie)</script>", content_type="image/png")
    response = admin_client.post(CHANGE_URL, change_form_data(logo=fake))
    assert response.status_code == 200
    assert "Le logo doit être une image PNG, JPEG ou WebP." in response.content.decode()
    assert not instance_get().logo


def test_the_admin_refuses_an_svg_logo(admin_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    instance_get()
    svg = SimpleUploadedFile("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', content_type="image/svg+xml")
    response = admin_client.post(CHANGE_URL, change_form_data(logo=svg))
    assert response.status_code == 200
    assert not instance_get().logo


def test_the_admin_refuses_a_logo_over_500_kb(admin_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    instance_get()
    heavy = SimpleUploadedFile("logo.png", png_bytes() + b"\0" * (500 * 1024), content_type="image/png")
    response = admin_client.post(CHANGE_URL, change_form_data(logo=heavy))
    assert "Le logo est trop lourd : 500 Ko au plus." in response.content.decode()
    assert not instance_get().logo
