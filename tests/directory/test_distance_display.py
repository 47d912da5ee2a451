"""Distances on a service card read as a person says them."""

from recours.directory.templatetags.directory import distance_display


def test_a_service_in_the_same_town_is_less_than_one_km_away():
    assert distance_display(0.0) == "moins de 1 km"
    assert distance_display(0.97) == "moins de 1 km"


def test_a_near_service_has_one_decimal_with_a_comma():
    assert distance_display(2.34) == "à 2,3 km"


def test_a_far_service_has_whole_kilometres():
    assert distance_display(23.4) == "à 23 km"
