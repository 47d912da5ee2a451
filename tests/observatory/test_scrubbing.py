"""The scrubber replaces French personal data with typed placeholders, and leaves the rest."""

import io
import socket

import pytest
from django.core.management import call_command

from recours.observatory.scrub import get_engine, scrub
from recours.observatory.scrub import recognizers
from recours.observatory.scrub.recognizers import iban_is_valid, nir_key_is_valid


@pytest.mark.parametrize(
    "number",
    ["06 12 34 56 78", "06.12.34.56.78", "06-12-34-56-78", "0612345678", "+33 6 12 34 56 78", "+33612345678",
     "0033 1 43 55 67 89", "+33 (0)6 12 34 56 78", "02 40 12 34 56"],
)
def test_french_phone_numbers_are_replaced_however_they_are_written(number):
    assert scrub(f"Rappelez-moi au {number} demain.") == "Rappelez-moi au [TÉLÉPHONE] demain."


def test_a_nir_with_a_valid_key_is_replaced():
    assert scrub("Mon numéro 1 85 03 75 112 034 17 est sur ma carte.") == "Mon numéro [NIR] est sur ma carte."


def test_a_nir_key_is_checked():
    assert nir_key_is_valid("185037511203417")
    assert not nir_key_is_valid("185037511203418")
    assert nir_key_is_valid("2 91 09 44 109 087 61")


def test_a_fifteen_digit_number_with_a_wrong_key_is_still_replaced_next_to_the_word_secu():
    assert "[NIR]" in scrub("mon numero de secu 1 85 03 75 112 034 18")


@pytest.mark.parametrize(
    "iban", ["FR76 3000 6000 0112 3456 7890 189", "FR7630006000011234567890189", "DE89 3704 0044 0532 0130 00",
             "BE68 5390 0754 7034"],
)
def test_ibans_of_france_and_other_countries_are_replaced(iban):
    assert scrub(f"Mon IBAN est {iban}.") == "Mon IBAN est [IBAN]."


def test_an_iban_with_a_wrong_checksum_is_not_taken_for_one():
    assert not iban_is_valid("FR76 3000 6000 0112 3456 7890 188")
    assert "[IBAN]" not in scrub("Référence FR76 3000 6000 0112 3456 7890 188.")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Je suis né le 12 mars 1985 à Alger.", "Je suis né le [DATE_DE_NAISSANCE] à Alger."),
        ("Elle est née le 1er janvier 1990.", "Elle est née le [DATE_DE_NAISSANCE]."),
        ("Date de naissance : 12/03/1985", "Date de naissance : [DATE_DE_NAISSANCE]"),
        ("ddn 03.04.1972 merci", "ddn [DATE_DE_NAISSANCE] merci"),
        ("Mon père (21/09/1952) est malade.", "Mon père ([DATE_DE_NAISSANCE]) est malade."),
    ],
)
def test_dates_of_birth_are_replaced(text, expected):
    assert scrub(text) == expected


def test_the_recent_date_of_the_facts_stays():
    assert scrub("Cela s'est passé le 12 mars, puis le 04/09/2025.") == "Cela s'est passé le 12 mars, puis le 04/09/2025."


@pytest.mark.parametrize("plate", ["AB-123-CD", "AB 123 CD", "FG482KL", "ek-205-tz"])
def test_current_vehicle_plates_are_replaced(plate):
    assert scrub(f"La voiture {plate} est partie.") == "La voiture [PLAQUE] est partie."


def test_old_vehicle_plates_are_replaced_when_a_vehicle_is_mentioned():
    assert scrub("Une Peugeot immatriculée 1234 AB 75 s'est arrêtée.") == "Une Peugeot immatriculée [PLAQUE] s'est arrêtée."


@pytest.mark.parametrize(
    "address",
    ["12 rue de la Paix", "3 bd Victor Hugo", "7 bis rue des Écoles, 75005 Paris", "14 avenue Jean Jaurès, 69007 Lyon",
     "12 allée des Peupliers", "3 impasse des Lilas, 59000 Lille", "45 chemin du Moulin", "8 rue des tanneurs"],
)
def test_street_addresses_are_replaced(address):
    assert scrub(f"J'habite au {address} depuis deux ans.") == "J'habite au [ADRESSE] depuis deux ans."


def test_a_street_named_without_number_after_habite_is_replaced():
    assert scrub("j'habite rue victor hugo a lyon") == "j'habite [ADRESSE] a lyon"


def test_emails_are_replaced():
    assert scrub("Écrivez à karim.benali@gmail.com ou à as.secteur3@ccas-marseille.fr.") == (
        "Écrivez à [COURRIEL] ou à [COURRIEL]."
    )


def test_emails_are_checked_without_any_network_access(monkeypatch):
    """tldextract would download the public suffix list: ours reads the bundled snapshot only."""

    def no_network(*args, **kwargs):
        raise AssertionError("the scrubber tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    monkeypatch.setattr(recognizers, "_OFFLINE_TLDEXTRACT", recognizers.offline_tldextract())  # nothing loaded yet
    assert scrub("mon mail: lea.martin2004@hotmail.fr") == "mon mail: [COURRIEL]"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("La directrice, Mme Fontaine, a refusé.", "La directrice, Mme [NOM], a refusé."),
        ("Je m'appelle Karim Benali et j'ai 40 ans.", "Je m'appelle [NOM] et j'ai 40 ans."),
        ("je m appelle nadia ferhat et j'ai 52 ans", "je m appelle [NOM] et j'ai 52 ans"),
        ("Ma collègue Sophie Durand était là.", "Ma collègue [NOM] était là."),
        ("Le brigadier Morel a refusé ma plainte.", "Le brigadier [NOM] a refusé ma plainte."),
        ("le cpe m. blanc dit que c'est des gamins", "le cpe m. [NOM] dit que c'est des gamins"),
    ],
)
def test_names_introduced_by_a_title_or_a_phrase_are_replaced(text, expected):
    assert scrub(text) == expected


def test_names_found_by_spacy_are_replaced():
    assert "Jean-Pierre Dupont" not in scrub("Hier, Jean-Pierre Dupont m'a insulté devant toute l'équipe.")


def test_what_the_person_says_about_themselves_is_not_taken_for_a_name():
    text = "Je suis enceinte et je suis syndiquée. Je suis joignable le soir."
    assert scrub(text) == text


def test_a_narrative_without_personal_data_is_left_as_it_is():
    text = (
        "Mon employeur refuse de me laisser poser mes congés pour les fêtes religieuses alors qu'il les accorde "
        "aux autres salariés pour Noël. J'ai écrit aux ressources humaines le 4 septembre 2025 sans réponse."
    )
    assert scrub(text) == text


def test_the_engine_is_built_once_per_process():
    assert get_engine() is get_engine()


def test_the_scrub_command_reads_standard_input_and_prints_the_scrubbed_text(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("Appelez Mme Girard au 06 12 34 56 78."))
    out = io.StringIO()
    call_command("scrub", stdout=out)
    assert out.getvalue() == "Appelez Mme [NOM] au [TÉLÉPHONE]."


def test_the_scrub_command_takes_one_narrative_per_line(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("tel 0612345678\nmail a@b.fr\n"))
    out = io.StringIO()
    call_command("scrub", "--lines", stdout=out)
    assert out.getvalue() == "tel [TÉLÉPHONE]\nmail [COURRIEL]\n"


@pytest.mark.parametrize("text, name", [
    ("mon fils yanis a été exclu de la cantine", "yanis"),
    ("ma voisine fatou et moi on a visité le même appartement", "fatou"),
    ("le médecin a refusé de soigner ma fille zoé", "zoé"),
    ("Une collègue, Samira, a perdu sa promotion", "Samira"),
])
def test_a_first_name_after_a_kinship_word_is_replaced_even_in_lowercase(text, name):
    scrubbed = scrub(text)
    assert name not in scrubbed and "[NOM]" in scrubbed


@pytest.mark.parametrize("text", [
    "mon fils hospitalisé depuis lundi", "ma fille handicapée n'a pas eu de place", "mon mari lui a répondu",
    "mon fils aîné travaille", "Samedi soir le videur m'a refoulé",
])
def test_words_after_a_kinship_word_or_a_day_are_not_taken_for_names(text):
    assert "[NOM]" not in scrub(text)


def test_an_address_after_a_flat_type_is_found_but_not_one_glued_to_a_phone_number():
    assert scrub("on a visité un T3 12 bd de la liberté à Lille") == "on a visité un T3 [ADRESSE] à Lille"
    assert "[ADRESSE]" in scrub("le studio au 9 av jean jaurès")
    assert "[TÉLÉPHONE]" in scrub("appelez le 06 12 34 56 78 rue barrée")


def test_a_residence_name_goes_with_the_address():
    scrubbed = scrub("J'habite Résidence les Tilleuls, 5 allée des Acacias, 59000 Lille depuis un an.")
    assert "Tilleuls" not in scrubbed and "Acacias" not in scrubbed and "Lille" not in scrubbed
