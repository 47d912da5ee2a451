"""Loading behaviours: subsets, updates between versions, what is kept and what is deleted."""

import gzip
import io
import json

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.test import RequestFactory

from recours.core.models import ReferenceDataVersion
from recours.geo import services
from recours.geo.models import Commune, Departement, PostalCode, Region
from recours.geo.selectors import commune_get, commune_search, communes_for_postal_code
from recours.geo.services import geo_load

COLUMNS = {
    "regions": ["code", "name"],
    "departements": ["code", "name", "region"],
    "communes": ["insee_code", "name", "departement", "region", "postal_codes", "latitude", "longitude"],
}
REGIONS = [["52", "Pays de la Loire"], ["53", "Bretagne"]]
DEPARTEMENTS = [["35", "Ille-et-Vilaine", "53"], ["44", "Loire-Atlantique", "52"], ["85", "Vendée", "52"]]
COMMUNES = [
    ["35238", "Rennes", "35", "53", ["35000", "35200", "35700"], 48.1113, -1.6819],
    ["44109", "Nantes", "44", "52", ["44000", "44100", "44200", "44300"], 47.2383, -1.5603],
    ["44143", "Rezé", "44", "52", ["44400"], 47.1762, -1.5497],
    ["44162", "Saint-Herblain", "44", "52", ["44800"], 47.2259, -1.6434],
    ["85191", "La Roche-sur-Yon", "85", "52", ["85000"], 46.6674, -1.4058],
]


def write_file(path, version, regions=REGIONS, departements=DEPARTEMENTS, communes=COMMUNES):
    data = {
        "format": 1, "version": version, "sources": {}, "columns": COLUMNS,
        "regions": regions, "departements": departements, "communes": communes,
    }
    path.write_bytes(gzip.compress(json.dumps(data).encode(), mtime=0))
    return path


@pytest.fixture
def v1(empty_geo, tmp_path):
    return write_file(tmp_path / "v1.json.gz", "test:1")


def names():
    return dict(Commune.objects.values_list("insee_code", "name"))


def pairs():
    return set(PostalCode.objects.values_list("code", "commune_id"))


def test_a_first_load_writes_every_row_and_records_the_version(db, v1):
    result = geo_load(path=v1)
    assert (result["regions"], result["departements"], result["communes"], result["postal_codes"]) == (2, 3, 5, 10)
    assert result["written"] == {"regions": 2, "departements": 3, "communes": 5, "postal_codes": 10}
    assert Commune.objects.get(pk="44143").search_name == "reze"
    assert ReferenceDataVersion.objects.get(name="geo").version == "test:1"


def test_loading_twice_duplicates_nothing_and_the_second_load_is_a_no_op(db, v1):
    geo_load(path=v1)
    before = (names(), pairs())
    assert geo_load(path=v1)["skipped"] is True
    written = geo_load(path=v1, force=True)["written"]
    assert written == {"regions": 0, "departements": 0, "communes": 0, "postal_codes": 0}
    assert (names(), pairs()) == before
    assert PostalCode.objects.count() == 10


def test_a_subset_load_writes_only_those_departements_and_their_region(db, v1):
    result = geo_load(path=v1, departements=["44"])
    assert result["partial"] is True
    assert set(Region.objects.values_list("code", flat=True)) == {"52"}
    assert set(Departement.objects.values_list("code", flat=True)) == {"44"}
    assert set(names()) == {"44109", "44143", "44162"}
    assert [c.name for c in communes_for_postal_code("44000")] == ["Nantes"]


def test_a_subset_load_records_no_version_so_a_full_load_still_happens(db, v1):
    geo_load(path=v1, departements=["44", "85"])
    assert not ReferenceDataVersion.objects.filter(name="geo").exists()
    result = geo_load(path=v1)
    assert result["skipped"] is False and Commune.objects.count() == 5


def test_a_subset_load_of_the_shipped_file_is_quick(empty_geo):
    result = geo_load(departements=["44", "2a"])
    assert set(Departement.objects.values_list("code", flat=True)) == {"44", "2A"}
    assert Commune.objects.filter(departement="44").count() > 200
    assert commune_get("2A004").name == "Ajaccio"
    assert result["seconds"] < 5


def test_an_unknown_departement_is_refused(db, v1):
    with pytest.raises(ValueError, match="99"):
        geo_load(path=v1, departements=["44", "99"])
    assert not Commune.objects.exists()


def test_a_new_version_renames_moves_and_completes_rows_in_place(db, v1, tmp_path):
    geo_load(path=v1)
    communes = [list(row) for row in COMMUNES]
    communes[2][1] = "Rezé-lès-Nantes"  # renamed
    communes[1][4] = ["44000", "44100", "44200"]  # 44300 moves to Saint-Herblain
    communes[3][4] = ["44300", "44800"]
    communes[4][5:] = [None, None]  # point lost
    communes.append(["85194", "Les Sables-d'Olonne", "85", "52", ["85100"], 46.4969, -1.7831])
    result = geo_load(path=write_file(tmp_path / "v2.json.gz", "test:2", communes=communes))
    assert result["written"] == {"regions": 0, "departements": 0, "communes": 3, "postal_codes": 2}
    assert result["deleted"]["postal_codes"] == 1
    assert commune_get("44143").name == "Rezé-lès-Nantes"
    assert [c.name for c in commune_search("reze les")] == ["Rezé-lès-Nantes"]
    assert [c.insee_code for c in communes_for_postal_code("44300")] == ["44162"]
    assert commune_get("85191").latitude is None
    assert ReferenceDataVersion.objects.get(name="geo").version == "test:2"


def test_rows_that_left_the_file_are_deleted_when_nothing_references_them(db, v1, tmp_path):
    geo_load(path=v1)
    v2 = write_file(
        tmp_path / "v2.json.gz", "test:2",
        regions=REGIONS[1:], departements=DEPARTEMENTS[:1], communes=COMMUNES[:1],
    )
    result = geo_load(path=v2)
    assert result["deleted"] == {"postal_codes": 7, "communes": 4, "departements": 2, "regions": 1}
    assert set(names()) == {"35238"}
    assert set(Region.objects.values_list("code", flat=True)) == {"53"}


def test_a_commune_that_left_the_file_but_is_referenced_is_kept_inactive(db, v1, tmp_path, monkeypatch):
    """A case pointing at a commune merged since must keep its commune."""
    geo_load(path=v1)
    referenced = services._referenced_pks

    def reze_is_referenced(model, pks, ignore=()):
        return referenced(model, pks, ignore=ignore) | ({"44143"} & set(pks) if model is Commune else set())

    monkeypatch.setattr(services, "_referenced_pks", reze_is_referenced)
    v2 = write_file(tmp_path / "v2.json.gz", "test:2", communes=[c for c in COMMUNES if c[0] != "44143"])
    result = geo_load(path=v2)
    assert result["kept_inactive"]["communes"] == 1
    reze = commune_get("44143")
    assert reze is not None and reze.active is False
    assert communes_for_postal_code("44400") == []
    assert commune_search("reze") == []
    # Back in a later version, it is current again.
    geo_load(path=write_file(tmp_path / "v3.json.gz", "test:3"))
    assert commune_get("44143").active is True


def test_references_from_other_tables_are_detected(db, v1):
    geo_load(path=v1)
    # PostalCode points at Commune like any other app's foreign key would.
    assert services._referenced_pks(Commune, ["44109", "99999"]) == {"44109"}
    assert services._referenced_pks(Commune, ["44109"], ignore=(PostalCode,)) == set()
    assert services._referenced_pks(Departement, ["44", "35"]) == {"44", "35"}


def test_the_load_geo_command_prints_counts_and_seconds(db, v1):
    out = io.StringIO()
    call_command("load_geo", "--path", str(v1), "--departements", "44,85", stdout=out)
    assert "4 communes" in out.getvalue() and " s." in out.getvalue()
    out = io.StringIO()
    call_command("load_geo", "--path", str(v1), stdout=out)
    call_command("load_geo", "--path", str(v1), stdout=out)
    assert "5 communes" in out.getvalue() and "already loaded" in out.getvalue()


def test_reference_data_is_read_only_in_the_admin(db):
    request = RequestFactory().get("/")
    for model in (Region, Departement, Commune, PostalCode):
        model_admin = admin.site._registry[model]
        assert not model_admin.has_add_permission(request)
        assert not model_admin.has_change_permission(request)
        assert not model_admin.has_delete_permission(request)
