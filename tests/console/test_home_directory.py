"""The console home lists the directory's entries of the team's territory whose review is due:
never verified, or verified more than a year ago; another territory's entries are not listed."""

import datetime as dt

from django.utils import timezone

from recours.directory.models import Service
from recours.directory.selectors import services_to_verify_for
from tests.accounts.helpers import HOME_URL, log_in_verified
from tests.theme.helpers import parse

NANTES_ENTRY = "Accueil discriminations de la Ville (démo)"  # zone: the commune of Nantes
LOIRE_ATLANTIQUE_ENTRY = "Permanence juridique gratuite (démo)"  # zone: the département 44
PARIS_ENTRY = "Permanence d'accès au droit (démo)"  # zone: Paris


def make_due(*names, years=2):
    Service.objects.filter(nom__in=names).update(date_verification=timezone.localdate() - dt.timedelta(days=365 * years))


def test_the_entries_due_in_the_teams_territory_are_listed(directory, adviser):
    make_due(NANTES_ENTRY, PARIS_ENTRY)
    Service.objects.filter(nom=LOIRE_ATLANTIQUE_ENTRY).update(date_verification=None)
    names = [service.nom for service in services_to_verify_for(adviser)]
    assert LOIRE_ATLANTIQUE_ENTRY in names and NANTES_ENTRY in names  # the département holds the city
    assert PARIS_ENTRY not in names
    assert names.index(LOIRE_ATLANTIQUE_ENTRY) < names.index(NANTES_ENTRY)  # never verified first


def test_an_entry_verified_within_the_year_is_not_listed(directory, adviser):
    make_due(NANTES_ENTRY)
    assert [service.nom for service in services_to_verify_for(adviser)] == [NANTES_ENTRY]
    Service.objects.filter(nom=NANTES_ENTRY).update(date_verification=timezone.localdate() - dt.timedelta(days=30))
    assert not services_to_verify_for(adviser).exists()


def test_a_retired_entry_is_not_listed(directory, adviser):
    make_due(NANTES_ENTRY)
    Service.objects.filter(nom=NANTES_ENTRY).update(retired_at=timezone.now())
    assert not services_to_verify_for(adviser).exists()


def test_the_home_shows_the_entries_to_verify(client, directory, adviser):
    make_due(NANTES_ENTRY)
    log_in_verified(client, adviser)
    text = parse(client.get(HOME_URL).content.decode()).plain_text
    assert "Fiches de l'annuaire à vérifier" in text
    assert "1 fiche de votre territoire n'a pas été vérifiée depuis un an." in text and NANTES_ENTRY in text
    assert PARIS_ENTRY not in text


def test_a_coordinator_reaches_the_entry_she_keeps_from_the_home(client, directory, coordinator, teams):
    make_due(LOIRE_ATLANTIQUE_ENTRY)
    service = Service.objects.get(nom=LOIRE_ATLANTIQUE_ENTRY)
    Service.objects.filter(pk=service.pk).update(team=teams["loire_atlantique"])
    log_in_verified(client, coordinator)
    html = client.get(HOME_URL).content.decode()
    assert f'href="/console/annuaire/{service.pk}/"' in html


def test_an_adviser_reads_the_entries_without_an_edit_link(client, directory, adviser):
    make_due(NANTES_ENTRY)
    log_in_verified(client, adviser)
    html = client.get(HOME_URL).content.decode()
    assert "/console/annuaire/" not in html


def test_nothing_to_verify_is_said(client, directory, adviser):
    log_in_verified(client, adviser)
    text = parse(client.get(HOME_URL).content.decode()).plain_text
    assert "Aucune fiche de votre territoire n'attend de vérification." in text
