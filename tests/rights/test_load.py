"""The shipped situations are loaded by load_reference_data, once per version, and a page a
coordinator has edited is never rewritten by a reload (unless forced, as a new version)."""

from django.core.management import call_command

from recours.core.models import ReferenceDataVersion
from recours.rights.models import RightsPage
from recours.rights.services import rights_load, rights_page_save


def test_load_reference_data_loads_the_rights_pages(db):
    call_command("load_reference_data", verbosity=0)
    assert RightsPage.objects.count() >= 30
    assert ReferenceDataVersion.objects.filter(name="rights").exists()


def test_a_reload_keeps_an_edited_page(rights, django_user_model):
    editor = django_user_model.objects.create(username="redaction")
    page = RightsPage.objects.get(slug="police-controle-au-facies")
    rights_page_save(page=page, actor=editor, values={"summary": "Texte relu."})
    ReferenceDataVersion.objects.filter(name="rights").delete()  # as for a new shipped version
    assert rights_load() == 0
    page.refresh_from_db()
    assert page.summary == "Texte relu." and page.version == 2


def test_a_forced_reload_rewrites_the_page_as_a_new_version(rights, django_user_model):
    editor = django_user_model.objects.create(username="redaction")
    page = RightsPage.objects.get(slug="police-controle-au-facies")
    rights_page_save(page=page, actor=editor, values={"summary": "Texte relu."})
    rights_load(force=True)
    page.refresh_from_db()
    assert page.summary != "Texte relu." and page.version == 3
    assert [v.version for v in page.versions.all()] == [3, 2, 1]


def test_a_page_deleted_by_mistake_comes_back_on_reload(rights):
    RightsPage.objects.filter(slug="police-controle-au-facies").delete()
    ReferenceDataVersion.objects.filter(name="rights").delete()
    assert rights_load() == 1
    assert RightsPage.objects.filter(slug="police-controle-au-facies").exists()
