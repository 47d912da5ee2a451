"""Teams: the territory matches the kind, one national team, always active."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from recours.accounts.models import Team, TeamKind
from recours.accounts.services import team_create, team_national_get


def test_a_departement_team_needs_its_departement(db):
    with pytest.raises(ValidationError):
        team_create(name="Sans territoire", kind=TeamKind.DEPARTEMENT)


def test_the_database_refuses_a_territory_that_does_not_match_the_kind(db):
    bad = [
        {"kind": TeamKind.REGION},
        {"kind": TeamKind.REGION, "region_id": "52", "departement_id": "44"},
        {"kind": TeamKind.DEPARTEMENT, "region_id": "52"},
        {"kind": TeamKind.COMMUNES, "departement_id": "44"},
        {"kind": TeamKind.NATIONAL, "region_id": "52"},
    ]
    for number, fields in enumerate(bad):
        with pytest.raises(IntegrityError), transaction.atomic():
            Team.objects.create(name="x", slug=f"x{number}", **fields)


def test_a_city_team_needs_at_least_one_commune(db):
    with pytest.raises(ValidationError):
        team_create(name="Ville", kind=TeamKind.COMMUNES)


def test_only_a_city_team_lists_communes(db):
    with pytest.raises(ValidationError):
        team_create(name="Loire-Atlantique", kind=TeamKind.DEPARTEMENT, departement_id="44", commune_ids=["44109"])


def test_a_second_national_team_is_refused_by_the_service(db):
    team_national_get()
    with pytest.raises(ValidationError):
        team_create(name="Autre nationale", kind=TeamKind.NATIONAL)


def test_a_second_national_team_is_refused_by_the_database(db):
    team_national_get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Team.objects.create(name="Autre nationale", slug="autre", kind=TeamKind.NATIONAL)


def test_the_national_team_cannot_be_switched_off(db):
    national = team_national_get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Team.objects.filter(pk=national.pk).update(active=False)


def test_is_national_follows_the_kind(db):
    assert team_national_get().is_national
    assert not team_create(name="Loire-Atlantique", kind=TeamKind.DEPARTEMENT, departement_id="44").is_national
