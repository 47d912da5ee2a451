"""The component gallery: for development and staff only."""

from tests.theme.helpers import parse


def test_the_gallery_is_hidden_from_the_public(client, db):
    assert client.get("/_composants/").status_code == 404


def test_the_gallery_is_hidden_from_staff_less_users(client, db, django_user_model):
    user = django_user_model.objects.create_user("camille", password="pas-un-vrai-mot-de-passe")
    client.force_login(user)
    assert client.get("/_composants/").status_code == 404


def test_staff_see_the_gallery(admin_client):
    response = admin_client.get("/_composants/")
    assert response.status_code == 200
    assert "Il y a un problème" in response.content.decode()


def test_the_gallery_is_open_in_development(client, db, settings):
    settings.DEBUG = True
    assert client.get("/_composants/").status_code == 200


def test_the_gallery_shows_every_component(admin_client):
    page = parse(admin_client.get("/_composants/").content.decode())
    classes = " ".join(element.get("class", "") for _, element in page.elements)
    for component_class in (
        "error-summary", "form-group--error", "fieldset", "choice__hint", "button--primary", "button--secondary",
        "button--warning", "link-button", "alert--info", "alert--success", "alert--warning", "alert--error",
        "stepper", "summary-list", "char-count", "service-card", "service-card--national", "phone-relay",
        "identity-bar", "console-nav", "badge--count", "picker", "saved-filters", "bulk-actions", "queue__row-check",
    ):
        assert component_class in classes, component_class


def test_the_gallery_has_no_duplicate_id(admin_client):
    page = parse(admin_client.get("/_composants/").content.decode())
    ids = [element["id"] for _, element in page.elements if element.get("id")]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def test_the_gallery_title_says_there_are_errors(admin_client):
    assert "<title>Erreur : Composants – " in admin_client.get("/_composants/").content.decode()
