"""The one postal code → commune policy (geo.selectors.place_resolve), read directly.

tests/geo/test_one_policy_every_channel.py runs the same inputs through every channel.
"""

import pytest

from recours.geo.selectors import CHOOSE_COMMUNE, COMMUNE_UNKNOWN, place_resolve, place_resolve_approximate


def test_a_code_with_one_commune_gives_that_commune(db):
    place = place_resolve(postal_code="44000")
    assert (place.commune_id, place.departement_id, place.region_id, place.error) == ("44109", "44", "52", "")
    assert not place.ambiguous


def test_a_code_with_several_communes_gives_the_one_chosen(db):
    place = place_resolve(postal_code="44470", commune="44204")
    assert (place.commune.name, place.departement_id) == ("Thouaré-sur-Loire", "44")


@pytest.mark.parametrize("answer", [None, "", COMMUNE_UNKNOWN])
def test_a_code_with_several_communes_and_no_choice_invents_no_commune(db, answer):
    place = place_resolve(postal_code="44470", commune=answer)
    assert place.commune is None and place.ambiguous and not place.error
    assert [c.name for c in place.candidates] == ["Carquefou", "Mauves-sur-Loire", "Thouaré-sur-Loire"]
    assert (place.postal_code, place.departement_id, place.region_id) == ("44470", "44", "52")


def test_a_code_across_a_border_keeps_neither_departement(db):
    place = place_resolve(postal_code="42620")  # Saint-Pierre-Laval (03) and Saint-Martin-d'Estréaux (42)
    assert place.commune is None and place.departements == ("03", "42")
    assert (place.departement_id, place.region_id) == (None, "84")  # both in Auvergne-Rhône-Alpes


def test_a_channel_that_asks_is_told_to_ask_until_it_has_an_answer(db):
    asked = place_resolve(postal_code="44470", ask=True)
    assert (asked.error_field, asked.error) == ("commune", str(CHOOSE_COMMUNE))
    assert len(asked.candidates) == 3
    assert not place_resolve(postal_code="44470", commune=COMMUNE_UNKNOWN, ask=True).error
    assert not place_resolve(postal_code="44000", ask=True).error  # one commune: nothing to ask


def test_a_commune_outside_the_code_is_refused_on_the_commune(db):
    place = place_resolve(postal_code="44470", commune="75056")
    assert place.error_field == "commune" and place.commune is None
    assert place.error == (
        "Cette commune ne correspond pas au code postal 44470. "
        "Communes de ce code postal : Carquefou, Mauves-sur-Loire, Thouaré-sur-Loire."
    )
    assert place_resolve(postal_code="44000", commune="75056").error_field == "commune"


@pytest.mark.parametrize("code, message", [
    ("00000", "Ce code postal n'existe pas. Vérifiez-le, par exemple 44000."),
    ("4400", "Le code postal doit compter 5 chiffres, par exemple 44000."),
    ("2A004", "Le code postal doit compter 5 chiffres, par exemple 44000."),
])
def test_an_unknown_or_malformed_code_is_refused_on_the_code(db, code, message):
    place = place_resolve(postal_code=code, commune="44109")
    assert (place.error_field, place.error, place.commune) == ("postal_code", message, None)


def test_spaces_in_a_code_do_not_matter_and_no_code_is_no_place(db):
    assert place_resolve(postal_code=" 44 000 ").commune_id == "44109"
    empty = place_resolve(postal_code="")
    assert (empty.commune, empty.departement_id, empty.error) == (None, None, "")


def test_an_approximate_code_of_the_chat_gives_its_departement_only(db):
    assert place_resolve_approximate("44").departement_id == "44"
    assert place_resolve_approximate("441").departement_id == "44"
    assert place_resolve_approximate("974").departement_id == "974"
    assert place_resolve_approximate("44").commune is None
    corsica = place_resolve_approximate("20")
    assert (corsica.departement_id, corsica.region_id) == (None, "94")
    assert place_resolve_approximate("00").error_field == "postal_code"
    assert place_resolve_approximate("44470").ambiguous  # five digits: the policy itself
