"""Saved filters of the queue: an adviser names the queue's current view and filters, finds them
beside the queue, applies, renames and deletes them; nobody else sees, applies or touches them."""

import pytest

from recours.console.models import SavedFilter
from tests.factories import NANTES
from tests.theme.helpers import parse

QUEUE = "/console/dossiers/"
SAVE = "/console/filtres/"


def test_an_adviser_saves_the_queues_current_filters_under_a_name(console, adviser):
    response = console.post(SAVE, {"name": "  Mes tchats  nouveaux ", "query": "vue=nouveaux&channel=chat&page=3&intrus=1"})
    saved = SavedFilter.objects.get(owner=adviser)
    assert saved.name == "Mes tchats nouveaux"
    assert saved.query == "vue=nouveaux&channel=chat"  # the queue's own parameters, no page, nothing else
    assert response.status_code == 302 and response["Location"] == f"{QUEUE}?vue=nouveaux&channel=chat"


def test_the_saved_filters_are_listed_beside_the_queue_and_lead_to_it(console, adviser):
    SavedFilter.objects.create(owner=adviser, name="Formulaires 44", query="channel=form&departement=44")
    html = console.get(QUEUE).content.decode()
    [link] = parse(html).find_all("a", class_="saved-filters__apply")
    assert link["href"] == f"{QUEUE}?channel=form&departement=44"
    assert f'<a href="{QUEUE}?channel=form&amp;departement=44" class="saved-filters__apply">Formulaires 44</a>' in html
    applied = parse(console.get(link["href"]).content.decode())
    [current] = applied.find_all("a", class_="saved-filters__apply")
    assert current.get("aria-current") == "true"
    assert applied.by_id("id_departement")["value"] == "44"


def test_the_save_form_carries_the_queues_current_query(console):
    page = parse(console.get(f"{QUEUE}?vue=moi&status=new&page=2").content.decode())
    [form] = page.find_all("form", id="saved-filters-save")
    queries = [field["value"] for field in page.find_all("input", name="query")]
    assert queries == ["vue=moi&status=new"]


def test_the_same_name_again_replaces_that_filters_query(console, adviser):
    console.post(SAVE, {"name": "Le mien", "query": "channel=form"})
    console.post(SAVE, {"name": "Le mien", "query": "channel=chat"})
    assert list(SavedFilter.objects.filter(owner=adviser).values_list("name", "query")) == [("Le mien", "channel=chat")]


def test_a_filter_without_a_name_is_refused(console, adviser):
    response = console.post(SAVE, {"name": "   ", "query": "channel=form"}, follow=True)
    assert not SavedFilter.objects.exists()
    assert "Donnez un nom à ce filtre." in parse(response.content.decode()).plain_text


def test_the_owner_renames_and_deletes_her_filter(console, adviser):
    saved = SavedFilter.objects.create(owner=adviser, name="Ancien", query="channel=form")
    console.post(f"/console/filtres/{saved.pk}/renommer/", {"name": "Nouveau"})
    saved.refresh_from_db()
    assert saved.name == "Nouveau"
    console.post(f"/console/filtres/{saved.pk}/supprimer/")
    assert not SavedFilter.objects.filter(pk=saved.pk).exists()


def test_renaming_to_a_name_she_already_uses_is_refused(console, adviser):
    SavedFilter.objects.create(owner=adviser, name="Un", query="channel=form")
    other = SavedFilter.objects.create(owner=adviser, name="Deux", query="channel=chat")
    response = console.post(f"/console/filtres/{other.pk}/renommer/", {"name": "Un"}, follow=True)
    other.refresh_from_db()
    assert other.name == "Deux" and "Vous avez déjà un filtre de ce nom." in parse(response.content.decode()).plain_text


@pytest.fixture
def colleagues_filter(colleague):
    return SavedFilter.objects.create(owner=colleague, name="Filtre de Dominique", query="channel=chat")


def test_another_advisers_filter_is_not_listed(console, colleagues_filter):
    text = console.get(QUEUE).content.decode()
    assert "Filtre de Dominique" not in text


def test_another_advisers_filter_cannot_be_renamed(console, colleagues_filter):
    response = console.post(f"/console/filtres/{colleagues_filter.pk}/renommer/", {"name": "Volé"})
    assert response.status_code == 404
    colleagues_filter.refresh_from_db()
    assert colleagues_filter.name == "Filtre de Dominique"


def test_another_advisers_filter_cannot_be_deleted(console, colleagues_filter):
    response = console.post(f"/console/filtres/{colleagues_filter.pk}/supprimer/")
    assert response.status_code == 404
    assert SavedFilter.objects.filter(pk=colleagues_filter.pk).exists()


def test_saving_a_name_another_adviser_uses_makes_a_filter_of_ones_own(console, adviser, colleagues_filter):
    console.post(SAVE, {"name": "Filtre de Dominique", "query": "channel=form"})
    colleagues_filter.refresh_from_db()
    assert colleagues_filter.query == "channel=chat"  # hers untouched
    assert SavedFilter.objects.get(owner=adviser).query == "channel=form"


def test_saved_filters_need_a_verified_staff_login(client, colleagues_filter):
    assert client.post(SAVE, {"name": "x", "query": ""}).status_code == 302
    assert not SavedFilter.objects.filter(name="x").exists()
    assert client.post(f"/console/filtres/{colleagues_filter.pk}/supprimer/").status_code == 302
    assert SavedFilter.objects.filter(pk=colleagues_filter.pk).exists()


def test_filters_are_only_sent_by_post(console, adviser):
    saved = SavedFilter.objects.create(owner=adviser, name="Un", query="")
    assert console.get(f"/console/filtres/{saved.pk}/supprimer/").status_code == 405
