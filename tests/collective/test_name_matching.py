"""The search finds a respondent however the person wrote its name (SQLite here; PostgreSQL with DATABASE_URL)."""

import pytest

from recours.collective.names import name_normalise, siret_valid
from recours.collective.selectors import respondent_search, uses_trigrams
from tests.factories import NANTES


@pytest.mark.parametrize("written", ["sci les tilleuls", "S.C.I. LES TILLEULS", "Les Tilleuls (SCI)", "SCI  Les Tilleuls."])
def test_legal_form_punctuation_case_and_order_normalise_alike(written):
    assert name_normalise(written) == "les tilleuls"


def test_accents_and_other_legal_forms_are_dropped():
    assert name_normalise("Agence Immobilière de l'Érdre SARL") == "agence immobiliere de l erdre"
    assert name_normalise("S.A.S. Crédit Élan") == "credit elan"
    assert name_normalise("SCI") == "sci"  # a name that is only a legal form keeps it


@pytest.mark.parametrize("query", ["sci les tilleuls", "S.C.I. LES TILLEULS", "Les Tilleuls (SCI)", "les tileuls", "les til"])
def test_the_search_finds_sci_les_tilleuls(make_case, adviser, organisation, query):
    case, _ = make_case(**NANTES)
    tilleuls = organisation("SCI Les Tilleuls", case=case, actor=adviser)
    organisation("Boulangerie du Port", case=case, actor=adviser)
    found = respondent_search(adviser, query)
    assert found and found[0] == tilleuls, (query, uses_trigrams(), found)


def test_an_unrelated_name_is_not_found(make_case, adviser, organisation):
    case, _ = make_case(**NANTES)
    organisation("SCI Les Tilleuls", case=case, actor=adviser)
    assert respondent_search(adviser, "Garage Martin") == []


def test_siren_and_siret_are_checked_by_their_luhn_key():
    assert siret_valid("732829320")  # a valid SIREN
    assert siret_valid("73282932000074")  # a valid SIRET
    assert not siret_valid("732829321")
    assert not siret_valid("12345")
    assert siret_valid("35600000000015")  # La Poste: sum of digits a multiple of 5
