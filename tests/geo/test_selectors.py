"""Lookups that need no data."""

import pytest

from recours.geo.models import normalise_for_search
from recours.geo.selectors import distance_km, postal_code_is_valid


@pytest.mark.parametrize("code", ["44000", "75001", "97400", "20000", "01400"])
def test_five_digits_make_a_valid_postal_code(code):
    assert postal_code_is_valid(code)


@pytest.mark.parametrize("code", ["4400", "440000", "44 00", "2A004", "", None, 44000, "４４０００", "44000\n"])
def test_anything_but_five_ascii_digits_is_not_a_postal_code(code):
    assert not postal_code_is_valid(code)


def test_names_are_normalised_without_case_accents_ligatures_or_punctuation():
    assert normalise_for_search("L'Haÿ-les-Roses") == "l hay les roses"
    assert normalise_for_search("Œuilly") == "oeuilly"
    assert normalise_for_search("  SAINT-ÉTIENNE ") == "saint etienne"
    assert normalise_for_search("Saint-Denis’") == "saint denis"
    assert normalise_for_search("") == ""


def test_distance_is_zero_for_a_point_and_symmetric():
    assert distance_km(48.8566, 2.3522, 48.8566, 2.3522) == 0
    there = distance_km(48.8566, 2.3522, 43.2965, 5.3698)
    back = distance_km(43.2965, 5.3698, 48.8566, 2.3522)
    assert there == pytest.approx(back)
    assert there == pytest.approx(661, abs=5)


def test_distance_across_the_globe_is_half_the_earth_circumference():
    assert distance_km(0, 0, 0, 180) == pytest.approx(20015, abs=5)
