"""The instance's stylesheet (colours) and logo."""

from django.core.files.base import ContentFile

from recours.core.instance import instance_get
from recours.core.models import InstanceSettings
from tests.theme.helpers import parse, png_bytes


def test_instance_colours_are_served_as_a_stylesheet(client, db):
    instance = instance_get()
    instance.colour_primary, instance.colour_accent = "#005a32", "#a4161a"
    instance.save()
    response = client.get("/theme/instance.css")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    css = response.content.decode()
    assert "--colour-primary: #005a32;" in css
    assert "--colour-accent: #a4161a;" in css


def test_the_instance_stylesheet_is_cacheable_for_five_minutes(client, db):
    response = client.get("/theme/instance.css")
    assert response["Cache-Control"] == "public, max-age=300"
    assert not response.cookies


def test_every_page_links_the_instance_stylesheet(client, db):
    page = parse(client.get("/").content.decode())
    hrefs = [link["href"] for link in page.find_all("link", rel="stylesheet")]
    assert hrefs[0].endswith("theme/recours.css")
    assert hrefs[1].startswith("/theme/instance.css")


def test_a_colour_with_poor_contrast_is_refused(admin_client, db):
    from tests.theme.test_admin import change_form_data

    instance_get()
    response = admin_client.post("/gestion/admin/core/instancesettings/1/change/", change_form_data(colour_primary="#ffdd00"))
    assert response.status_code == 200
    assert "Contraste insuffisant" in response.content.decode()
    assert instance_get().colour_primary == "#1d4f91"


def test_a_colour_with_poor_contrast_that_reached_the_database_is_not_served(client, db):
    instance_get()
    InstanceSettings.objects.update(colour_primary="#ffff00")
    css = client.get("/theme/instance.css").content.decode()
    assert "#ffff00" not in css
    assert "--colour-primary: #1d4f91;" in css


def test_a_colour_that_is_not_a_colour_never_reaches_the_stylesheet(client, db):
    instance_get()
    InstanceSettings.objects.update(colour_accent="red;}*{")
    css = client.get("/theme/instance.css").content.decode()
    assert "red" not in css and "}*{" not in css
    assert "--colour-accent: #b3261e;" in css


def test_the_logo_is_served_with_its_type_and_nosniff(client, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    instance = instance_get()
    instance.logo.save("logo.png", ContentFile(png_bytes()), save=True)
    response = client.get("/theme/logo")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content == png_bytes()


def test_the_logo_appears_in_the_header_with_its_alternative_text(client, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    instance = instance_get()
    instance.logo_alt = "Ville de Nantes"
    instance.logo.save("logo.png", ContentFile(png_bytes()), save=True)
    images = parse(client.get("/").content.decode()).find_all("img")
    assert images[0]["src"].startswith("/theme/logo")
    assert images[0]["alt"] == "Ville de Nantes"


def test_there_is_no_logo_until_one_is_uploaded(client, db):
    assert client.get("/theme/logo").status_code == 404
    assert not parse(client.get("/").content.decode()).find_all("img")


def test_a_stored_logo_that_is_not_an_image_is_not_served(client, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    instance = instance_get()
    instance.logo.save("logo.png", ContentFile(b"<svg onload=alert(1)>"), save=True)
    assert client.get("/theme/logo").status_code == 404
