import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from recours.directory.models import Service
from recours.directory.selectors import (
    PlaceError,
    directory_search,
    place_from_commune,
    place_from_coordinates,
    place_from_postal_code,
)
from recours.directory.services import service_retire

PARIS_TZ = ZoneInfo("Europe/Paris")


def ids(results):
    return [r.service.di_id.split("--", 1)[1] for r in results]


def test_a_specific_match_of_ground_and_domain_comes_first(directory):
    found = directory_search(place=place_from_postal_code("44000"), criteria=["handicap"], domain="emploi_prive")
    assert ids(found.local)[0] == "handi-droits-44-permanence"
    assert found.local[0].fit == 3
    # Generalist local services follow; services for other grounds or other domains do not appear.
    assert "mission-egalite-nantes-accueil" in ids(found.local)
    assert "cidff-44-juridique" not in ids(found.local)
    assert "logement-egal-conseil" not in ids(found.local)


def test_national_services_come_last_as_a_fallback(directory):
    found = directory_search(place=place_from_postal_code("44000"), criteria=["handicap"], domain="emploi_prive")
    assert "3928" in ids(found.national)
    assert all(r.service.is_national for r in found.national)
    assert not any(r.service.is_national for r in found.local)
    assert ids(found.all)[-len(found.national):] == ids(found.national)


def test_a_place_far_away_gets_only_its_own_services_and_the_national_ones(directory):
    found = directory_search(place=place_from_postal_code("75020"), criteria=["origine"], domain="logement")
    assert ids(found.local) == ["antiracisme-idf-juridique", "maison-droits-paris-20-permanence"]
    assert "licra-juridique" in ids(found.national)


def test_a_commune_list_and_a_region_cover_their_places(directory):
    reze = directory_search(place=place_from_postal_code("44400"), criteria=["origine"], domain="logement")
    assert "logement-egal-conseil" in ids(reze.local)
    # Châteaubriant is in Loire-Atlantique but not in the metropolis.
    far = directory_search(place=place_from_commune("44036"), criteria=["origine"], domain="logement")
    assert "logement-egal-conseil" not in ids(far.local)
    # Angers (Maine-et-Loire) is in the Pays de la Loire région, not in Loire-Atlantique.
    angers = directory_search(place=place_from_commune("49007"), criteria=["identite_de_genre"])
    assert ids(angers.local) == ["centre-lgbti-ouest-ecoute"]


def test_closer_services_come_first_among_equal_matches(directory):
    found = directory_search(place=place_from_commune("44162"))  # Saint-Herblain
    equal = [r for r in found.local if r.fit == 0]
    distances = [r.distance_km for r in equal]
    assert distances == sorted(distances)
    assert equal[0].service.code_insee == "44162"


def test_reasons_say_why_each_service_matched(directory):
    found = directory_search(place=place_from_postal_code("44000"), criteria=["handicap"], domain="emploi_prive")
    first = found.local[0]
    assert any("Handicap" in reason or "handicap" in reason for reason in first.reasons)
    assert any("domaine" in reason for reason in first.reasons)
    generalist = next(r for r in found.local if r.service.di_id.endswith("mission-egalite-nantes-accueil"))
    assert "traite tous les motifs de discrimination" in generalist.reasons


def test_open_now_keeps_only_services_open_at_that_time(directory):
    sunday_noon = dt.datetime(2026, 11, 22, 12, 0, tzinfo=PARIS_TZ)
    found = directory_search(place=place_from_postal_code("44000"), open_now=True, now=sunday_noon)
    assert found.local == []
    assert {"3919", "116006"} <= set(ids(found.national))
    assert "3928" not in ids(found.national)
    tuesday_ten = dt.datetime(2026, 11, 24, 10, 0, tzinfo=PARIS_TZ)
    found = directory_search(place=place_from_postal_code("44000"), open_now=True, now=tuesday_ten)
    assert "mission-egalite-nantes-accueil" in ids(found.local)
    assert "3928" in ids(found.national)


def test_reception_mode_language_and_kind_of_help_filter(directory):
    place = place_from_postal_code("44000")
    remote = directory_search(place=place, mode_accueil="a-distance")
    assert remote.local and all("a-distance" in r.service.modes_accueil for r in remote.local)
    signing = directory_search(place=place, language="lsf")
    assert ids(signing.local) == ["handi-droits-44-permanence"]
    testing = directory_search(place=place, kind_of_help="test-de-situation")
    assert ids(testing.local) == ["logement-egal-conseil"]


def test_a_radius_keeps_services_within_it(directory):
    found = directory_search(place=place_from_postal_code("44000"), radius_km=3)
    assert found.local and all(r.distance_km <= 3 for r in found.local)
    assert "handi-droits-44-permanence" not in ids(found.local)  # Saint-Herblain, about 6 km


def test_a_retired_service_is_no_longer_found(directory, admin_user):
    service = Service.objects.get(di_id="recours-demo--mission-egalite-nantes-accueil")
    service_retire(service=service, actor=admin_user)
    assert "mission-egalite-nantes-accueil" not in ids(directory_search(place=place_from_postal_code("44000")).local)


def test_places_from_postal_code_commune_and_coordinates(directory):
    assert "commune:44109" in place_from_postal_code("44000").zone_codes
    assert place_from_commune("2A004").departement == "2A"
    near_nantes = place_from_coordinates(47.2184, -1.5536)
    assert "commune:44109" in near_nantes.zone_codes
    assert near_nantes.latitude == 47.2184


@pytest.mark.parametrize("code, message", [
    ("4400", "5 chiffres"), ("abcde", "5 chiffres"), ("00000", "n'existe pas"),
])
def test_a_bad_postal_code_is_a_clear_error(directory, code, message):
    with pytest.raises(PlaceError) as error:
        place_from_postal_code(code)
    assert message in error.value.message and error.value.field == "postal_code"


def test_coordinates_outside_france_are_refused(directory):
    with pytest.raises(PlaceError):
        place_from_coordinates(40.7, -74.0)


def test_the_national_services_kept_per_process_follow_a_retirement(directory, admin_user, settings,
                                                                    django_capture_on_commit_callbacks):
    from recours.directory.selectors import directory_cache_clear

    settings.RECOURS_REFERENCE_CACHE_SECONDS = 60
    directory_cache_clear()
    place = place_from_postal_code("44000")
    with django_capture_on_commit_callbacks(execute=True):  # the copy is kept once its reading commits
        assert "3928" in ids(directory_search(place=place).national)
    with django_capture_on_commit_callbacks(execute=True):
        service_retire(service=Service.objects.get(di_id="recours-national--3928"), actor=admin_user)
    assert "3928" not in ids(directory_search(place=place).national)
    directory_cache_clear()


def test_a_place_without_a_known_position_is_ranked_by_fit_alone(directory):
    from dataclasses import replace

    place = replace(place_from_postal_code("44000"), latitude=None, longitude=None)
    found = directory_search(place=place, criteria=["handicap"], domain="emploi_prive")
    assert ids(found.local)[0] == "handi-droits-44-permanence"
    assert all(result.distance_km is None for result in found.local)
    assert found.national
