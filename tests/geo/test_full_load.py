"""The whole country loaded from the shipped file, and the lookups on it."""

import pytest

from recours.core.models import ReferenceDataVersion
from recours.geo.models import Commune, Departement, PostalCode, Region
from recours.geo.selectors import (
    commune_get,
    commune_search,
    communes_for_postal_code,
    distance_km,
)
from recours.geo.services import geo_load, read_geo_file

pytestmark = pytest.mark.usefixtures("full_geo")


def counts():
    return (Region.objects.count(), Departement.objects.count(), Commune.objects.count(), PostalCode.objects.count())


def test_the_full_load_writes_every_row_of_the_file_and_records_its_version(db, full_geo):
    data = read_geo_file()
    assert counts() == (
        len(data["regions"]),
        len(data["departements"]),
        len(data["communes"]),
        sum(len(row[4]) for row in data["communes"]),
    )
    assert Commune.objects.count() > 34_000
    assert full_geo["seconds"] < 30
    assert ReferenceDataVersion.objects.get(name="geo").version == data["version"]


def test_loading_the_same_version_again_is_a_no_op(db, django_assert_max_num_queries):
    before = counts()
    with django_assert_max_num_queries(2):
        result = geo_load()
    assert result["skipped"] is True
    assert counts() == before


def test_forcing_a_reload_duplicates_nothing_and_rewrites_nothing(db):
    before = counts()
    result = geo_load(force=True)
    assert result["skipped"] is False
    assert set(result["written"].values()) == {0}
    assert set(result["deleted"].values()) == {0}
    assert counts() == before


def test_postal_code_44000_is_nantes(db):
    assert [(c.insee_code, c.name) for c in communes_for_postal_code("44000")] == [("44109", "Nantes")]


def test_a_postal_code_shared_by_several_communes_lists_them_all_by_name(db):
    communes = communes_for_postal_code("01400")
    expected = set(
        PostalCode.objects.filter(code="01400").values_list("commune_id", flat=True)
    )
    assert len(communes) == len(expected) >= 10
    assert {c.insee_code for c in communes} == expected
    assert [c.search_name for c in communes] == sorted(c.search_name for c in communes)
    assert "Châtillon-sur-Chalaronne" in [c.name for c in communes]


def test_paris_lyon_and_marseille_arrondissement_postal_codes_give_the_commune(db):
    pairs = (("75001", "75056"), ("75020", "75056"), ("75116", "75056"), ("69003", "69123"), ("13008", "13055"))
    for code, insee in pairs:
        assert [c.insee_code for c in communes_for_postal_code(code)] == [insee]


def test_postal_code_lookups_preload_the_departement(db, django_assert_num_queries):
    with django_assert_num_queries(1):
        communes = communes_for_postal_code("97400")
        assert [str(c) for c in communes] == ["Saint-Denis (974)"]
        assert communes[0].departement.name == "La Réunion"


def test_an_unknown_or_malformed_postal_code_gives_no_commune(db):
    assert communes_for_postal_code("00000") == []
    assert communes_for_postal_code("4400") == []
    assert communes_for_postal_code("44 000") == []


def test_a_commune_is_found_by_its_insee_code_with_its_departement_and_region(db):
    ajaccio = commune_get("2a004")
    assert ajaccio.name == "Ajaccio" and str(ajaccio) == "Ajaccio (2A)"
    assert ajaccio.departement.name == "Corse-du-Sud" and ajaccio.region.name == "Corse"
    assert commune_get("97411").region.name == "La Réunion"
    assert commune_get("99999") is None


def test_search_ignores_case_accents_and_punctuation(db):
    for query in ("saint etienne", "SAINT-ÉTIENNE", "Saint-Etienne", "  saint   étienne "):
        assert commune_search(query)[0].insee_code == "42218"
    assert commune_search("l'haÿ")[0].name == "L'Haÿ-les-Roses"
    assert commune_search("oeuilly")[0].name == "Œuilly"


def test_search_puts_the_exact_name_first_then_alphabetical_order_and_respects_the_limit(db):
    results = commune_search("Paris", limit=3)
    assert [c.insee_code for c in results][0] == "75056"
    assert len(results) == 3
    assert all(c.search_name.startswith("paris") for c in results)
    assert [c.search_name for c in results[1:]] == sorted(c.search_name for c in results[1:])
    assert commune_search("") == [] and commune_search("-") == []
    assert len(commune_search("saint", limit=500)) == 50


def test_paris_and_marseille_are_about_660_km_apart(db):
    paris, marseille = commune_get("75056"), commune_get("13055")
    distance = distance_km(paris.latitude, paris.longitude, marseille.latitude, marseille.longitude)
    assert 650 < distance < 672


def test_overseas_communes_are_loaded_with_their_points(db):
    saint_denis = commune_get("97411")
    assert -21.2 < saint_denis.latitude < -20.8 and 55.2 < saint_denis.longitude < 55.6
    assert Commune.objects.filter(departement__in=["971", "972", "973", "974", "976"]).count() == 129
    assert Commune.objects.filter(latitude__isnull=True).count() < 100
