"""Routing: a new case goes to the most specific active team whose territory holds its commune."""

import pytest
from django.test.utils import override_settings

from recours.accounts.models import Team, TeamKind
from recours.accounts.routing import routing_cache_clear, team_for_commune, team_for_location, team_for_place
from recours.accounts.services import team_create, team_national_get
from recours.core.instance import instance_get
from recours.geo.selectors import commune_get, place_resolve

NANTES, REZE, SAINT_NAZAIRE, ANGERS, PARIS = "44109", "44143", "44184", "49007", "75056"


@pytest.fixture(params=["query", "table"])
def route(request):
    """Route by INSEE code, both ways: one query per case, or the process's table of territories."""
    if request.param == "query":
        yield lambda insee: team_for_commune(commune_get(insee) if insee else None)
        return
    routing_cache_clear()
    with override_settings(RECOURS_REFERENCE_CACHE_SECONDS=60):
        yield lambda insee: team_for_location(commune_id=insee)
    routing_cache_clear()


def test_a_commune_in_a_city_team_goes_to_the_city_team(teams, route):
    assert route(NANTES) == teams["nantes"]


def test_a_commune_of_the_departement_outside_the_city_goes_to_the_departement_team(teams, route):
    assert route(SAINT_NAZAIRE) == teams["loire_atlantique"]


def test_a_commune_of_the_region_goes_to_the_region_team_when_its_departement_has_none(teams, route):
    pays_de_la_loire = team_create(name="Pays de la Loire", kind=TeamKind.REGION, region_id="52")
    assert route(ANGERS) == pays_de_la_loire
    assert route(SAINT_NAZAIRE) == teams["loire_atlantique"]


def test_a_commune_without_any_local_team_goes_to_the_national_team(teams, route):
    assert route("13055") == teams["national"]  # Marseille


def test_no_commune_goes_to_the_national_team(teams, route):
    assert route(None) == teams["national"]


def test_facts_that_happened_online_go_to_the_national_team(teams, route):
    assert team_for_location(commune_id=NANTES, online=True) == teams["national"]
    assert team_for_location(commune_id=NANTES) == teams["nantes"]
    assert team_for_location(commune_id="") == teams["national"]


def test_an_inactive_city_team_hands_over_to_the_departement_team(teams, route):
    Team.objects.filter(pk=teams["nantes"].pk).update(active=False)
    assert route(NANTES) == teams["loire_atlantique"]


def test_inactive_local_teams_hand_over_to_the_national_team(teams, route):
    Team.objects.exclude(is_national=True).update(active=False)
    assert route(NANTES) == teams["national"]


def test_a_commune_listed_by_a_team_beats_its_departement_whatever_their_order(db, route):
    city = team_create(name="Rezé", kind=TeamKind.COMMUNES, commune_ids=[REZE])
    team_create(name="Loire-Atlantique", kind=TeamKind.DEPARTEMENT, departement_id="44")
    assert route(REZE) == city


def test_the_national_team_is_created_when_first_needed_and_named_after_the_operator(db, route):
    instance = instance_get()
    instance.operator = "Ville de Villeurbanne"
    instance.save()
    assert not Team.objects.exists()
    team = route(PARIS)
    assert (team.name, team.kind, team.is_national) == ("Ville de Villeurbanne", TeamKind.NATIONAL, True)
    assert team_national_get() == team
    assert Team.objects.count() == 1


def test_a_report_sent_through_the_services_is_routed(teams, make_case):
    nantes_case, _ = make_case(commune="44109", postal_code="44000")
    paris_case, _ = make_case(commune="75056", postal_code="75011")
    online_case, _ = make_case(commune=None, postal_code="", online=True)
    assert (nantes_case.team, paris_case.team, online_case.team) == (teams["nantes"], teams["paris"], teams["national"])


def test_a_team_created_in_this_process_takes_its_cases_at_once_when_the_table_is_kept(
    teams, django_capture_on_commit_callbacks
):
    def routed(commune_id):
        with django_capture_on_commit_callbacks(execute=True):  # the table is kept once its reading commits
            return team_for_location(commune_id=commune_id)

    routing_cache_clear()
    with override_settings(RECOURS_REFERENCE_CACHE_SECONDS=3600):
        assert routed(ANGERS) == teams["national"]
        maine_et_loire = team_create(name="Maine-et-Loire", kind=TeamKind.DEPARTEMENT, departement_id="49")
        assert routed(ANGERS) == maine_et_loire
        city = team_create(name="Saumur", kind=TeamKind.COMMUNES, commune_ids=["49328"])
        city.communes.add(ANGERS)  # a commune added to a city team beats its département at once
        assert routed(ANGERS) == city
    routing_cache_clear()


def test_an_unknown_commune_code_goes_to_the_national_team(teams, route):
    assert team_for_location(commune_id="99999") == teams["national"]


@pytest.fixture(params=["query", "table"])
def cache_mode(request):
    """Both ways of routing: one query per case, or the process's table of territories."""
    routing_cache_clear()
    with override_settings(RECOURS_REFERENCE_CACHE_SECONDS=0 if request.param == "query" else 60):
        yield request.param
    routing_cache_clear()


def test_a_place_known_by_its_departement_goes_to_the_departement_team_never_a_city_team(teams, cache_mode):
    # 44470: Carquefou, Mauves-sur-Loire, Thouaré-sur-Loire, none chosen; Carquefou has its own team.
    team_create(name="Carquefou", kind=TeamKind.COMMUNES, commune_ids=["44026"])
    place = place_resolve(postal_code="44470")
    assert team_for_place(place) == teams["loire_atlantique"]
    assert team_for_place(place_resolve(postal_code="44470", commune="44026")).name == "Carquefou"


def test_a_departement_without_a_team_goes_to_its_region_team_else_national(teams, cache_mode):
    assert team_for_location(commune_id=None, departement_id="49") == teams["national"]
    pays_de_la_loire = team_create(name="Pays de la Loire", kind=TeamKind.REGION, region_id="52")
    assert team_for_location(commune_id=None, departement_id="49") == pays_de_la_loire
    assert team_for_location(commune_id=None, region_id="52") == pays_de_la_loire
    assert team_for_location(commune_id=None, departement_id="44", online=True) == teams["national"]
