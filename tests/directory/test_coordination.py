"""Coordinators keep the directory: create, edit, verify and retire the entries of their team;
nothing of another team's, nothing for advisers; every entry checked like an import."""

import pytest
from django.utils import timezone

from recours.accounts.models import Role
from recours.core.models import AuditEvent
from recours.directory.models import Service, ServiceZone
from recours.directory.selectors import directory_search, place_from_postal_code
from tests.accounts.helpers import log_in_verified
from tests.intake.walk import page

LIST = "/console/annuaire/"


@pytest.fixture
def nantes_coordinator(client, teams, make_staff):
    user, _ = make_staff("coordination.nantes", teams["nantes"], role=Role.COORDINATOR)
    log_in_verified(client, user)
    client.user = user
    return client


def entry(**overrides) -> dict:
    data = {
        "structure_nom": "Maison de quartier Bottière", "nom": "Permanence discriminations et logement",
        "description": "Écoute et information sur les droits, aide pour écrire au bailleur.",
        "types_aide": ["ecoute", "information-juridique"], "criteres": ["origine", "patronyme"],
        "domaines": ["logement"], "zone_eligibilite": "44109", "telephone": "02 61 91 00 99",
        "courriel": "permanence@bottiere.example.org", "adresse": "147 route de Sainte-Luce",
        "code_postal": "44300", "commune": "Nantes", "horaires_accueil": "Tu 14:00-18:00",
        "modes_accueil": ["en-presentiel"], "langues": ["fr", "ar"],
    }
    data.update(overrides)
    return data


def found(criteria=("origine",), domain="logement", postal_code="44000"):
    results = directory_search(place=place_from_postal_code(postal_code), criteria=list(criteria), domain=domain)
    return [r.service.nom for r in results.local]


def test_a_coordinator_creates_an_entry_that_the_search_finds(nantes_coordinator, teams):
    response = nantes_coordinator.post(LIST + "nouvelle/", entry(team=str(teams["nantes"].pk)))
    assert response.status_code == 302
    service = Service.objects.get(nom="Permanence discriminations et logement")
    assert service.team == teams["nantes"] and service.source == "recours" and service.code_insee == "44109"
    assert service.structure.nom == "Maison de quartier Bottière" and service.latitude is not None
    assert service.criteres_cle == "|origine|patronyme|" and not service.is_national
    assert list(ServiceZone.objects.filter(service=service).values_list("code", flat=True)) == ["commune:44109"]
    assert AuditEvent.objects.filter(action="directory.create", actor=nantes_coordinator.user,
                                     detail__service=service.pk).exists()
    assert "Permanence discriminations et logement" in found()
    assert "Permanence discriminations et logement" not in found(criteria=("handicap",))


def test_a_wrong_entry_is_refused_with_its_reasons_and_keeps_what_was_typed(nantes_coordinator, teams):
    response = nantes_coordinator.post(LIST + "nouvelle/", entry(
        team=str(teams["nantes"].pk), nom="", zone_eligibilite="99999", horaires_accueil="mardi aprem",
        code_postal="44300", commune="Rezé",
    ))
    assert response.status_code == 400
    text = page(response)
    assert "Indiquez une commune de ce code postal : Nantes" in text
    assert "Ce champ est obligatoire" in text
    assert "147 route de Sainte-Luce" in text and "Maison de quartier Bottière" in text
    response = nantes_coordinator.post(LIST + "nouvelle/", entry(
        team=str(teams["nantes"].pk), zone_eligibilite="99999", horaires_accueil="mardi aprem"))
    assert response.status_code == 400
    text = page(response)
    assert "99999" in text and "horaires" in text.lower()
    assert not Service.objects.exists()


def test_an_edit_changes_the_entry_and_what_the_search_finds(nantes_coordinator, teams):
    nantes_coordinator.post(LIST + "nouvelle/", entry(team=str(teams["nantes"].pk)))
    service = Service.objects.get()
    form = page(nantes_coordinator.get(f"{LIST}{service.pk}/"))
    assert "Permanence discriminations et logement" in form and "44109" in form
    response = nantes_coordinator.post(f"{LIST}{service.pk}/", entry(
        team=str(teams["nantes"].pk), criteres=["handicap"], domaines=[], zone_eligibilite="44",
    ))
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.criteres == ["handicap"] and service.domaines_cle == "*"
    assert list(service.zones.values_list("code", flat=True)) == ["departement:44"]
    assert "Permanence discriminations et logement" in found(criteria=("handicap",), domain="emploi_prive",
                                                              postal_code="44600")
    assert "Permanence discriminations et logement" not in found()
    assert AuditEvent.objects.filter(action="directory.update", detail__service=service.pk).exists()


def test_verify_retire_and_restore(nantes_coordinator, teams):
    nantes_coordinator.post(LIST + "nouvelle/", entry(team=str(teams["nantes"].pk)))
    service = Service.objects.get()
    assert service.nom in page(nantes_coordinator.get(LIST + "?etat=a_verifier"))
    nantes_coordinator.post(f"{LIST}{service.pk}/verifier/")
    service.refresh_from_db()
    assert service.date_verification == timezone.localdate() and service.verified_by == nantes_coordinator.user
    assert service.nom not in page(nantes_coordinator.get(LIST + "?etat=a_verifier"))

    nantes_coordinator.post(f"{LIST}{service.pk}/retirer/")
    assert service.nom not in found()
    assert service.nom in page(nantes_coordinator.get(LIST + "?etat=retires"))
    nantes_coordinator.post(f"{LIST}{service.pk}/retablir/")
    assert service.nom in found()
    # An edit keeps what the screens own: the verification and the team.
    nantes_coordinator.post(f"{LIST}{service.pk}/", entry(team=str(teams["nantes"].pk), telephone="02 61 91 00 98"))
    service.refresh_from_db()
    assert service.telephone == "02 61 91 00 98" and service.verified_by == nantes_coordinator.user
    assert service.date_verification == timezone.localdate()


def test_a_coordinator_cannot_touch_another_teams_or_the_national_entries(
    nantes_coordinator, client_factory, teams, make_staff, directory
):
    paris, _ = make_staff("coordination.paris", teams["paris"], role=Role.COORDINATOR)
    paris_client = client_factory()
    log_in_verified(paris_client, paris)
    paris_client.post(LIST + "nouvelle/", entry(team=str(teams["paris"].pk), zone_eligibilite="75056",
                                                code_postal="75011", commune="Paris"))
    theirs = Service.objects.get(team=teams["paris"])
    national = Service.objects.filter(is_national=True).first()
    listing = page(nantes_coordinator.get(LIST + "?etat=tous"))
    assert theirs.nom not in listing and national.nom not in listing
    for target in (theirs, national):
        assert nantes_coordinator.get(f"{LIST}{target.pk}/").status_code == 404
        for action in ("", "verifier/", "retirer/"):
            assert nantes_coordinator.post(f"{LIST}{target.pk}/{action}", entry(nom="Pris")).status_code == 404
        target.refresh_from_db()
        assert target.nom != "Pris" and target.retired_at is None and target.verified_by is None
    # Nor give one of its entries to a team that is not theirs.
    nantes_coordinator.post(LIST + "nouvelle/", entry(team=str(teams["paris"].pk)))
    assert not Service.objects.filter(team=teams["paris"]).exclude(pk=theirs.pk).exists()


def test_the_national_coordination_keeps_the_national_entries(client, teams, make_staff, directory):
    user, _ = make_staff("coordination.nationale", teams["national"], role=Role.COORDINATOR)
    log_in_verified(client, user)
    national = Service.objects.filter(is_national=True).first()
    assert national.nom in page(client.get(LIST + "?q=" + national.nom[:12]))
    assert client.post(f"{LIST}{national.pk}/verifier/").status_code == 302
    national.refresh_from_db()
    assert national.verified_by == user


def test_advisers_do_not_keep_the_directory(console):
    assert console.get(LIST).status_code == 403
    assert console.post(LIST + "nouvelle/", entry()).status_code == 403
    assert "Annuaire" not in page(console.get("/console/dossiers/"))


def test_a_role_counts_for_its_team_only_never_for_the_national_or_another_teams_entries(
    client, teams, make_staff, directory
):
    """Coordinator of Nantes and adviser in the national team; or administrator of Nantes: neither
    keeps the national entries nor Paris's, nor creates an entry without a team (a national one)."""
    from recours.accounts.services import membership_set

    both, _ = make_staff("coordination.nantes.et.conseil.national", teams["nantes"], role=Role.COORDINATOR)
    membership_set(user=both, team=teams["national"], role=Role.ADVISER)
    nantes_admin, _ = make_staff("administration.nantes", teams["nantes"], role=Role.ADMINISTRATOR)
    paris, _ = make_staff("coordination.paris", teams["paris"], role=Role.COORDINATOR)
    log_in_verified(client, paris)
    client.post(LIST + "nouvelle/", entry(team=str(teams["paris"].pk), zone_eligibilite="75056",
                                          code_postal="75011", commune="Paris"))
    theirs = Service.objects.get(team=teams["paris"])
    national = Service.objects.filter(is_national=True).first()
    for user in (both, nantes_admin):
        log_in_verified(client, user)
        for target in (theirs, national):
            assert client.get(f"{LIST}{target.pk}/").status_code == 404
            assert client.post(f"{LIST}{target.pk}/verifier/").status_code == 404
            assert client.post(f"{LIST}{target.pk}/", entry(nom="Pris")).status_code == 404
            target.refresh_from_db()
            assert target.nom != "Pris" and target.verified_by is None
        client.post(LIST + "nouvelle/", entry(team="", nom=f"Sans équipe {user.username}"))
        assert not Service.objects.filter(nom=f"Sans équipe {user.username}").exists()
