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


@pytest.mark.parametrize(
    "iban", ["FR76 3000 6000 0112 3456 7890 188", "FR7630006000011234567890188", "fr76 3000 6000 0112 3456 7890 188"],
)
def test_a_mistyped_iban_is_still_replaced_by_its_shape(iban):
    """Someone who mistypes their IBAN still needs it removed: a wrong check digit changes nothing."""
    assert not iban_is_valid("FR76 3000 6000 0112 3456 7890 188")
    assert scrub(f"Mon RIB : {iban}.") == "Mon RIB : [IBAN]."


def test_a_short_code_that_begins_like_an_iban_is_not_one():
    assert "[IBAN]" not in scrub("Le vol AF12 3456 est parti.")


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


# --- the engine warms up in the background when a server starts (issue 16 item 10) -----------


@pytest.fixture
def counting_engine(monkeypatch, settings):
    """A fake engine whose build blocks until released, counting the builds."""
    import threading

    from recours.observatory.scrub import engine

    settings.RECOURS_OBSERVATORY_SCRUB_WARMUP = True
    settings.RECOURS_OBSERVATORY_EXCERPTS = True
    builds, release = [], threading.Event()

    class FakeEngine:
        def __init__(self, model):
            builds.append(model)
            release.wait(10)

    monkeypatch.setattr(engine, "ScrubEngine", FakeEngine)
    monkeypatch.setattr(engine, "_engine", None)
    monkeypatch.setattr(engine, "_warm_up_thread", None)
    return engine, builds, release


def test_the_warm_up_builds_the_engine_once_and_a_request_meanwhile_waits_for_that_build(counting_engine):
    import threading

    engine, builds, release = counting_engine
    thread = engine.start_warm_up()
    assert thread is not None and thread.daemon
    assert engine.start_warm_up() is thread  # started once
    got = []
    request = threading.Thread(target=lambda: got.append(engine.get_engine()))
    request.start()  # the first review arrives while the engine is still being built
    release.set()
    thread.join(10)
    request.join(10)
    assert len(builds) == 1
    assert got == [engine.get_engine()]


def test_the_warm_up_can_be_turned_off(counting_engine, settings):
    engine, builds, _release = counting_engine
    settings.RECOURS_OBSERVATORY_SCRUB_WARMUP = False
    assert engine.start_warm_up() is None
    settings.RECOURS_OBSERVATORY_SCRUB_WARMUP = True
    settings.RECOURS_OBSERVATORY_EXCERPTS = False  # no excerpts: no scrubbing engine needed
    assert engine.start_warm_up() is None
    assert builds == []


def test_the_asgi_application_starts_the_warm_up(monkeypatch):
    import importlib

    import recours.asgi
    from recours.observatory.scrub import engine

    calls = []
    monkeypatch.setattr(engine, "start_warm_up", lambda: calls.append(1))
    importlib.reload(recours.asgi)
    assert calls == [1]


# --- issue 15 item 14: identifiers, handles, mistyped IBANs, hard names and places ------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ma réclamation ref. 003317-C est restée sans réponse.", "Ma réclamation ref. [RÉFÉRENCE] est restée sans réponse."),
        ("Le dossier 2021-05512 a été classé.", "Le dossier [RÉFÉRENCE] a été classé."),
        ("Code reçu : K8P3ZT2Q7.", "Code reçu : [RÉFÉRENCE]."),
        ("réclamation numéro 2023/018854 du mois dernier", "réclamation numéro [RÉFÉRENCE] du mois dernier"),
        ("affaire enregistrée sous le numéro RG 18-0417", "affaire enregistrée sous le numéro [RÉFÉRENCE]"),
        ("procès-verbal 00942/2025", "procès-verbal [RÉFÉRENCE]"),
        ("mon numéro allocataire 5129834Y", "mon numéro allocataire [RÉFÉRENCE]"),
        ("mon numéro d'allocataire est le 5129834", "mon numéro d'allocataire est le [RÉFÉRENCE]"),
        ("il m'a donné le 412558903 à rappeler", "il m'a donné le [RÉFÉRENCE] à rappeler"),
        ("Numéro d'allocataire : 1234567 A. Je demande", "Numéro d'allocataire : [RÉFÉRENCE]. Je demande"),
        ("contrat de mission n° CM-77-20931", "contrat de mission n° [RÉFÉRENCE]"),
        ("ticket de caisse n° 0045 0012 8841", "ticket de caisse n° [RÉFÉRENCE]"),
    ],
)
def test_case_file_and_account_numbers_are_replaced(text, expected):
    assert scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Selon l'article 225-1 du Code pénal et la loi n° 2008-496 du 27 mai 2008, c'est interdit.",
        "L'article L.1132-1 du Code du travail et le décret n° 2016-1457 s'appliquent.",
        "Le 12/03/2025 à 18h30, on m'a demandé 2 300 € de caution, soit 40 % de plus.",
        "J'habite à 93200 Saint-Denis depuis l'année scolaire 2024-2025.",
        "J'ai appelé le 3919 puis pris le bus 38 vers la CAF et le Défenseur des droits.",
        "Un T3 de 72 m² pour 850 euros, au 4e étage, 3 fois le loyer.",
        "J'ai appelé le numéro vert 0 800 360 360 sans succès.",
    ],
)
def test_look_alikes_of_references_are_kept(text):
    assert scrub(text) == text


def test_an_iban_without_spaces_or_with_a_wrong_check_digit_or_a_rib_is_replaced():
    assert scrub("iban FR7630006000011234567890188 merci") == "iban [IBAN] merci"
    assert scrub("RIB : 30006 00001 12345678901 89.") == "RIB : [IBAN]."


def test_a_phone_written_with_slashes_or_dashes_after_the_country_code_is_replaced():
    assert scrub("rappelez au 07/51/33/20/86 svp") == "rappelez au [TÉLÉPHONE] svp"
    assert scrub("tel +33-6-12-48-90-37") == "tel [TÉLÉPHONE]"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("écrivez-moi sur insta @lina.krm ce soir", "écrivez-moi sur insta [PSEUDO] ce soir"),
        ("mon snap c'est lina.krm92", "mon snap c'est [PSEUDO]"),
        ("mon discord kevin#4421 ou par mail", "mon discord [PSEUDO] ou par mail"),
    ],
)
def test_social_media_handles_are_replaced(text, expected):
    assert scrub(text) == expected


def test_an_email_address_is_not_taken_for_a_handle():
    assert scrub("mail: lina.krm@gmail.com") == "mail: [COURRIEL]"


def test_a_lowercase_spaced_plate_is_replaced_near_a_vehicle_word():
    assert scrub("la voiture de police immatriculée gh 512 tb") == "la voiture de police immatriculée [PLAQUE]"


@pytest.mark.parametrize(
    "text, name",
    [
        ("La responsable, Hélène Mbaye-Lefort, a refusé.", "Hélène Mbaye-Lefort"),
        ("Je m'appelle KARIM BEN SAÏD et je témoigne.", "KARIM BEN SAÏD"),
        ("Le cabinet du Dr Nguyen Van Long a refusé.", "Nguyen Van Long"),
        ("un des policiers s'appelle Le Floch", "Le Floch"),
        ("Le conseiller, M. de Montaigu, a répondu.", "de Montaigu"),
        ("Hier Rayan m'a dit qu'il avait peur.", "Rayan"),
        ("il a dit devant léa et jordan que c'était normal", "léa"),
        ("Mme veuve Lemoine nous écrit chaque semaine.", "Lemoine"),
        ("la famille Konaté a été écartée", "Konaté"),
    ],
)
def test_compound_particle_all_caps_and_lone_first_names_are_replaced(text, name):
    scrubbed = scrub(text)
    assert name not in scrubbed and "[NOM]" in scrubbed


@pytest.mark.parametrize(
    "text",
    [
        "Mon fils est au collège Paul Éluard, rue Victor Hugo.",
        "Les congés de Noël sont accordés, pas ceux de l'Aïd.",
        "Je suis prête à témoigner, je suis chauffeur de taxi.",
        "ma femme enlève son voile au travail",
    ],
)
def test_places_named_after_people_and_common_words_are_not_names(text):
    assert "[NOM]" not in scrub(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("J'habite au lieu-dit La Grange Neuve depuis 2010.", "J'habite au [ADRESSE] depuis 2010."),
        ("Courrier au CCAS, BP 41, 24170 Belvès.", "Courrier au CCAS, [ADRESSE], 24170 Belvès."),
        ("on habite 12 ter rue des Glycines a villeurbanne", "on habite [ADRESSE] a villeurbanne"),
        ("Appt 12, 4 rue Paul Bert, 69003 Lyon", "[ADRESSE]"),
    ],
)
def test_lieux_dits_po_boxes_and_bis_ter_numbers_are_addresses(text, expected):
    assert scrub(text) == expected


def test_the_scrubber_meets_its_targets_on_the_tuning_corpus():
    """Recall and kept words on every narrative the recognisers were tuned on (a behaviour
    test: a change that breaks a kind of datum shows here; the unseen figure is heldout.json's,
    in docs/performance.md)."""
    from pathlib import Path

    from recours.observatory.scrub.evaluate import evaluate, load_corpus

    corpus = Path(__file__).parent / "corpus"
    evaluation = evaluate(load_corpus(corpus / "narratives.json"))
    assert evaluation.total.gold >= 500
    assert evaluation.total.recall >= 0.98, evaluation.misses
    assert evaluation.total.precision >= 0.95, evaluation.false_alarms
    assert evaluation.kept_share >= 0.93


def test_a_number_with_a_separator_right_after_n_degree_is_a_reference():
    """"n°" ends with a sign, not a letter: the word boundary after it must not be required."""
    assert scrub("main courante n° 2025/004412 déposée") == "main courante n° [RÉFÉRENCE] déposée"


# --- session 6: any phone grouping, the open first-name list, pitches, nicknames, ranks -----------


@pytest.mark.parametrize(
    "number",
    ["0612 345 678", "06 1234 5678", "061 234 5678", "+33 612 345 678", "+212 6 12 34 56 78", "+216 98 123 456",
     "0033 6 12 40 55 89", "+33(0)6 70 21 44 38"],
)
def test_phones_in_any_ten_digit_grouping_or_with_a_foreign_country_code_are_replaced(number):
    assert scrub(f"mon tel {number} merci") == "mon tel [TÉLÉPHONE] merci"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("une ville de 12 345 678 habitants", "une ville de 12 345 678 habitants"),
        ("ticket n° 0045 0012 8841", "ticket n° [RÉFÉRENCE]"),  # announced: a reference, not a foreign phone
        ("Le numéro 3635 ne répond pas", "Le numéro 3635 ne répond pas"),  # a public service's short number
    ],
)
def test_numbers_that_look_like_grouped_phones_are_not_phones(text, expected):
    assert scrub(text) == expected


def test_ten_digits_glued_to_letters_are_a_reference_not_a_phone():
    scrubbed = scrub("élève de CM2 (INE 0123456789AB) exclue")
    assert "[TÉLÉPHONE]" not in scrubbed and "[RÉFÉRENCE]" in scrubbed


def test_the_open_first_name_list_is_long_and_keeps_french_words_apart():
    from recours.observatory.scrub.recognizers_names import ambiguous_first_names, open_first_names

    names, ambiguous = open_first_names(), ambiguous_first_names()
    assert len(names) > 10000
    assert {"paulo", "wei", "zhang", "oksana", "linh"} <= names
    assert not {"rose", "marine", "pierre", "long", "van", "france"} & names  # words, places: not taken freely
    assert {"rose", "marine", "long", "van"} <= ambiguous
    assert "france" not in ambiguous  # a country, never a first name here


@pytest.mark.parametrize(
    "text, expected",
    [
        ("bonjour cest paulo, jsuis plaquiste", "bonjour cest [NOM], jsuis plaquiste"),
        ("facture n° F-2025-1187, 480 €. wei zhang 06 18 44 20 97", "facture n° [RÉFÉRENCE], 480 €. [NOM] [TÉLÉPHONE]"),
        ("Oksana m'a aidée à remplir le dossier.", "[NOM] m'a aidée à remplir le dossier."),
        ("yanis bouchard, numéro étudiant 21908734", "[NOM], numéro étudiant [RÉFÉRENCE]"),
        ("il m'a frappé devant tout le monde. seydou", "il m'a frappé devant tout le monde. [NOM]"),
        ("un agent avait le nom lemaire sur sa tenue", "un agent avait le nom [NOM] sur sa tenue"),
        ("un de ses collègues l'appelait « Momo » en riant", "un de ses collègues l'appelait « [NOM] » en riant"),
        ("le plus vieux s'appelait lieutenant marchal.", "le plus vieux s'appelait lieutenant [NOM]."),
        ("Mon avocat, Maître José Antonio García López, a écrit.", "Mon avocat, Maître [NOM], a écrit."),
        ("code adhérent FB-22918. Assia assia.b@hotmail.fr", "code adhérent [RÉFÉRENCE]. [NOM] [COURRIEL]"),
    ],
)
def test_first_names_from_the_open_list_nicknames_and_names_after_a_rank_are_replaced(text, expected):
    assert scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "le van est garé devant, il fait long",  # first names elsewhere, words here
        "France Travail a supprimé mon allocation.",
        "je sais pas quoi faire, il recommence. aidez-moi",
        "le chef m'insulte tous les jours. urgent",
        "au nom de la loi il m'a fouillé",
        "il l'appelle « la Malienne » devant tout le monde",
        "le lieutenant était là quand c'est arrivé",
        "Je suis AED dans un lycée de Roubaix.",
        "On m'a dit que c'est la procédure depuis le Covid-19.",
        "J'ai pris rendez-vous sur Doctolib hier.",
        "je suis sous tutelle depuis deux ans",
    ],
)
def test_look_alikes_of_names_are_kept(text):
    assert "[NOM]" not in scrub(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("on est au camping les Pins, emplacement 14, 34300 agde", "on est au [ADRESSE], 34300 agde"),
        ("je dors chambre 212 du foyer Adoma Les Mimosas", "je dors [ADRESSE]"),
        ("devant l'immeuble (Rés. Le Parc, bât. 4, appt 32) hier", "devant l'immeuble ([ADRESSE]) hier"),
    ],
)
def test_a_pitch_a_room_or_a_flat_in_a_named_place_is_an_address(text, expected):
    assert scrub(text) == expected


def test_a_capitalised_handle_without_its_at_sign_after_a_platform_is_a_handle():
    assert scrub("mon leboncoin c'est Karimo75") == "mon leboncoin c'est [PSEUDO]"
    assert scrub("mon compte 12345678 est bloqué") == "mon compte [RÉFÉRENCE] est bloqué"


# --- session 7: names no list holds, told by a lexicon of French words -------------------------


@pytest.mark.parametrize(
    "text, name",
    [
        ("le patron m'a viré sans raison. wanjiru 06 21 43 65 87", "wanjiru"),  # a signature before a phone
        ("j'ai tout noté. Oyelowo +44 7700 900123", "Oyelowo"),
        ("aucune réponse depuis. xiadani xiadani.r@laposte.net", "xiadani"),  # the name echoed in the address
    ],
)
def test_a_name_no_list_holds_is_replaced_before_the_writers_contact(text, name):
    scrubbed = scrub(text)
    assert name not in scrubbed.replace("[COURRIEL]", "") and "[NOM]" in scrubbed


def test_a_french_word_or_a_date_before_a_phone_is_not_a_signature():
    assert "[NOM]" not in scrub("je vous remercie. merci 06 21 43 65 87")
    assert scrub("ddn 03.04.1972 merci") == "ddn [DATE_DE_NAISSANCE] merci"


def test_a_word_the_writers_address_repeats_is_their_name_wherever_it_stands():
    scrubbed = scrub("j'étais avec wambui quand il a crié. écrivez à wambui.k@gmail.com")
    assert "wambui" not in scrubbed.replace("[COURRIEL]", "")


def test_a_town_or_an_acronym_in_an_address_is_not_a_name():
    scrubbed = scrub("Je suis AED dans un lycée de Roubaix. Écrivez-moi : aed.roubaix59@proton.me")
    assert "Roubaix" in scrubbed and "AED" in scrubbed


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Nos voisins insultent les Tchoumi tous les jours.", "Nos voisins insultent les [NOM] tous les jours."),
        ("Le syndic s'en prend aux enfants des Ndongo.", "Le syndic s'en prend aux enfants des [NOM]."),
        ("On dînait chez les Lefranc ce soir-là.", "On dînait chez les [NOM] ce soir-là."),  # a surname that is a French word
    ],
)
def test_a_family_named_by_its_surname_is_replaced(text, expected):
    assert scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    ["il a dit que les Polonais boivent", "les Roms ont été expulsés", "je travaille aux Ulis", "ma famille vit aux Comores"],
)
def test_groups_and_plural_places_after_les_are_not_families(text):
    assert "[NOM]" not in scrub(text)


@pytest.mark.parametrize(
    "text, name",
    [
        ("Le chef a crié « arrête, Wojcik, tu traînes » devant tous.", "Wojcik"),
        ("J'ai entendu le surveillant dire « bouge, Nwachukwu » en riant.", "Nwachukwu"),
    ],
)
def test_a_capitalised_word_that_is_no_french_word_nor_place_is_a_surname(text, name):
    scrubbed = scrub(text)
    assert name not in scrubbed and "[NOM]" in scrubbed


@pytest.mark.parametrize(
    "text",
    [
        "Il conduisait une Toyota grise et venait du Maroc.",
        "J'ai pris rendez-vous sur Doctolib pour le 3 mars.",
        "Je travaille à Roissy depuis 2019.",
        "Courrier : BP 12, 20167 Mezzavia Cedex.",
        "Madame la Défenseure, je vous écris de Saint-Lazare.",
    ],
)
def test_brands_countries_towns_and_titles_are_not_surnames(text):
    assert "[NOM]" not in scrub(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("coucou c'est yanelle, on m'a refusé l'entrée", "coucou c'est [NOM], on m'a refusé l'entrée"),
        ("la personne s'appelait gwendoline je crois", "la personne s'appelait [NOM] je crois"),
        ("moi c wassila et je suis en colère", "moi c [NOM] et je suis en colère"),
        ("voyez avec le chef, sébastien vandenberghe, qui gère", "voyez avec le chef, [NOM], qui gère"),
        ("la voisine, mme da costa, nous insulte", "la voisine, mme [NOM], nous insulte"),
        ("mon responsable m. de la fontaine m'a dit non", "mon responsable m. [NOM] m'a dit non"),
    ],
)
def test_lowercase_names_no_list_holds_after_a_naming_phrase_a_first_name_or_a_title(text, expected):
    assert scrub(text) == expected


@pytest.mark.parametrize(
    "text", ["je suis dégoutée par leur attitude", "je suis malvoyante depuis 2010", "madame la directrice a refusé"]
)
def test_misspelt_or_rare_words_after_je_suis_and_titles_are_not_names(text):
    assert "[NOM]" not in scrub(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("l'agent dont le RIO était 2290143 m'a tutoyé", "l'agent dont le RIO était [RÉFÉRENCE] m'a tutoyé"),
        ("le contrôleur, matricule R.5512, a refusé", "le contrôleur, matricule [RÉFÉRENCE], a refusé"),
        ("le jugement 00518/2024 a été rendu", "le jugement [RÉFÉRENCE] a été rendu"),
        ("le greffe a classé 2024/007731 sans suite", "le greffe a classé [RÉFÉRENCE] sans suite"),
        ("portable 7 22 33 44 55 le soir", "portable [TÉLÉPHONE] le soir"),
    ],
)
def test_police_numbers_register_numbers_with_their_year_and_a_mobile_without_its_zero(text, expected):
    assert scrub(text) == expected


def test_an_article_of_a_code_and_a_season_stay():
    assert scrub("selon l'article R.1234-5 du code, la saison 2023/2024") == (
        "selon l'article R.1234-5 du code, la saison 2023/2024"
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("on habite cité des Musiciens, tour 4 à Vénissieux", "on habite [ADRESSE] à Vénissieux"),
        ("Ils vivent au lieu-dit Le Bois aux Dames, 57600 Forbach.", "Ils vivent au [ADRESSE], 57600 Forbach."),
    ],
)
def test_a_tower_after_an_estate_and_a_lieu_dit_with_aux_belong_to_the_address(text, expected):
    assert scrub(text) == expected


def test_the_building_of_the_next_street_is_not_glued_to_a_residence():
    scrubbed = scrub("Je réside Résidence Les Pins, bât B, 2bis rue des Lilas, 33600 Pessac.")
    assert "Pins" not in scrubbed and "Lilas" not in scrubbed


def test_french_words_are_told_from_names():
    from recours.observatory.scrub.lexicon import is_french_word

    assert all(is_french_word(w) for w in ["cité", "Roms", "merci", "aidez-moi", "l'agence"])
    assert not any(is_french_word(w) for w in ["oumaïma", "Rusu", "aït-ouali", "Kowalczyk"])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ma fille de 12 ans maëlya a été fouillée", "ma fille de 12 ans [NOM] a été fouillée"),
        ("j'ai tout filmé si vous voulez la vidéo. chaïnez", "j'ai tout filmé si vous voulez la vidéo. [NOM]"),
        ("un taxi, licence 20931, m'a refusé", "un taxi, licence [RÉFÉRENCE], m'a refusé"),
        ("sur vinted je suis kenza.dressing et lui c'est un autre", "sur vinted je suis [PSEUDO] et lui c'est un autre"),
        ("on est stationnés route de Melun à Brie", "on est stationnés [ADRESSE] à Brie"),
        ("Numéro d'allocataire : 7712045 D. Je réside à Lille.", "Numéro d'allocataire : [RÉFÉRENCE]. Je réside à Lille."),
    ],
)
def test_a_name_after_an_age_a_lone_name_ending_like_a_verb_a_licence_a_handle_after_je_suis(text, expected):
    assert scrub(text) == expected


def test_what_a_writer_is_after_je_suis_is_not_a_name_but_a_first_name_is():
    assert scrub("Je suis médecin généraliste à Pau.") == "Je suis médecin généraliste à Pau."
    assert scrub("je suis jade et je témoigne") == "je suis [NOM] et je témoigne"


# --- session 8: particles after a lowercase first name, initials, double and elided first names,
# a name repeated, an internship agreement's number --------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("mon chef lucas dos reis me parle mal", "mon chef [NOM] me parle mal"),
        ("signé nadia el khoury", "signé [NOM]"),
        ("la cheffe sandrine van der meer a refusé", "la cheffe [NOM] a refusé"),
        ("merci, yannick le goarnig", "merci, [NOM]"),
        ("le cabinet du dr tran van minh à lille", "le cabinet du dr [NOM] à lille"),
    ],
)
def test_a_lowercase_surname_with_its_particle_follows_the_first_name(text, expected):
    assert scrub(text) == expected
    assert scrub(f"sophie le matin, {text}") == f"[NOM] le matin, {expected}"  # a French word is no surname


def test_an_initial_after_a_first_name_belongs_to_the_name():
    from recours.observatory.scrub.engine import find_entities

    text = "Un résident, M. Tiago R., parce qu'il boite."
    assert [(f.placeholder, text[f.start : f.end]) for f in find_entities(text)] == [("[NOM]", "Tiago R.")]


def test_a_lowercase_double_first_name_opening_with_a_common_word_is_a_name_before_contact_details():
    assert scrub("moi ana clara 06 21 43 65 87") == "moi [NOM] [TÉLÉPHONE]"


def test_a_first_name_after_an_elided_de_is_a_name():
    assert scrub("la tante d'anaïs") == "la tante d'[NOM]"


def test_a_name_found_once_is_removed_wherever_the_text_repeats_it():
    assert scrub("Mme Ouattara m'a refusé. ensuite ouattara a ri.") == "Mme [NOM] m'a refusé. ensuite [NOM] a ri."


def test_an_internship_agreement_number_is_a_reference_but_a_collective_agreement_stays():
    assert scrub("convention de stage ST-2025-0412 signée") == "convention de stage [RÉFÉRENCE] signée"
    assert "[RÉFÉRENCE]" not in scrub("la convention collective 3248 s'applique")


def test_a_title_or_a_verb_after_a_kinship_word_is_not_a_name():
    assert scrub("notre voisine mme garnier crie") == "notre voisine mme [NOM] crie"
    assert scrub("je veux que mon mari soit là") == "je veux que mon mari soit là"


def test_a_signature_before_a_date_of_birth_keeps_its_surname():
    assert scrub("julien marchand né le 04/05/1972") == "[NOM] né le [DATE_DE_NAISSANCE]"


# --- session 9: a lowercase name after a role, a first name that is also a word before contact
# details, nicknames, lowercase residences, "rés.", agencies, a prescription's number ----------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ma tutrice maialen arrieta ne dit rien", "ma tutrice [NOM] ne dit rien"),
        ("mon patron raciste refuse", "mon patron raciste refuse"),  # an adjective, not a name
        ("mon chef refuse mes congés", "mon chef refuse mes congés"),
    ],
)
def test_a_lowercase_name_after_a_role_is_a_name_with_its_surname(text, expected):
    assert scrub(text) == expected


def test_a_first_name_that_is_also_a_word_is_a_name_with_a_surname_before_contact_details():
    assert scrub("merci. moi olive nkembe 06 12 44 30 18") == "merci. moi [NOM] [TÉLÉPHONE]"
    assert scrub("fin du message. Pascale, infirmière, 06 12 44 30 18") == "fin du message. [NOM], infirmière, [TÉLÉPHONE]"
    assert scrub("une rose, ma préférée.") == "une rose, ma préférée."


def test_a_contact_word_after_a_signature_is_not_its_surname():
    assert scrub("merci. aurèle tshibangu tel 06 12 44 30 18") == "merci. [NOM] tel [TÉLÉPHONE]"
    assert scrub("hugo appt 4, 12 rue des cerisiers") == "[NOM] [ADRESSE]"


def test_a_nickname_after_un_certain_is_a_name():
    assert scrub("c'était un certain marc-o, du bâtiment") == "c'était un certain [NOM], du bâtiment"


def test_a_lowercase_residence_or_camping_with_its_building_or_pitch_is_an_address():
    assert scrub("on vit résidence les acacias, bât 3, à melun") == "on vit [ADRESSE], à melun"
    assert scrub("nous sommes au camping le ruisseau, emplacement 12") == "nous sommes au [ADRESSE]"
    assert scrub("il habite au 8 rés. du lac, à annecy") == "il habite au [ADRESSE], à annecy"


def test_a_postal_code_is_not_cut_into_a_street_number():
    assert scrub("4 rue des roses 59000 lille") in ("[ADRESSE]", "[ADRESSE] 59000 lille")


def test_an_agency_a_trade_and_a_verb_after_mon_nom_are_no_names():
    assert scrub("l'agence Immo Centre à Nancy") == "l'agence Immo Centre à Nancy"
    assert scrub("le maître nageur a crié") == "le maître nageur a crié"
    assert scrub("mon nom faisait fuir les bailleurs") == "mon nom faisait fuir les bailleurs"


def test_a_common_word_and_an_acronym_are_not_a_name():
    assert "[NOM]" not in scrub("Numéro INE : 0912345678K.")


def test_a_prescription_number_is_a_reference_but_an_ordinance_stays_a_law():
    assert scrub("mon ordonnance numéro 7Q2M-44KD") == "mon ordonnance numéro [RÉFÉRENCE]"
    assert "[RÉFÉRENCE]" not in scrub("l'ordonnance n° 2017-1387 a réformé")


# --- session 10: recall first: any word that is no French word is taken for a name ----------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("elle s'en fiche, ingrid ma dit non.", "elle s'en fiche, [NOM] ma dit non."),
        ("Le second, Brakowski, rit avec le patron.", "Le second, [NOM], rit avec le patron."),
        ("la responsable rouxel-tanguy refuse.", "la responsable [NOM] refuse."),
        ("Ofoegbu a dit que je parlais mal.", "[NOM] a dit que je parlais mal."),
    ],
)
def test_a_word_that_is_no_french_word_is_a_name_wherever_it_stands(text, expected):
    assert scrub(text) == expected


def test_a_narrative_in_another_language_keeps_its_words_and_loses_its_name_and_number():
    # The public pages are in English and Arabic too: the rule above would blank an English text.
    scrubbed = scrub("The landlord refused to rent me the flat because of my name. "
                     "My name is John Smith, call me on 06 12 34 56 78.")
    assert scrubbed == ("The landlord refused to rent me the flat because of my name. "
                        "My name is [NOM], call me on [TÉLÉPHONE].")
    text = "My manager told me that people like me should go back home. I complained but nothing happened."
    assert scrub(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "je travail a l'acceuil du sous sol depuis six mois.",  # misspelt words, one letter off
        "L'agence de la rue Serpenoise à Villeneuve-d'Ascq a refusé d'écrire le taux.",  # places, words
        "On doit voir les prud'hommes aujourd'hui, la CPAM et l'OFPRA aussi.",
        "Ma sœur est dyspraxique, elle porte le niqab, on nous traite de transphobes.",
    ],
)
def test_french_words_misspellings_places_and_the_field_s_own_words_stay(text):
    assert scrub(text) == text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("le second, que tout le monde appelle « Titi », nous insulte.",
         "le second, que tout le monde appelle « [NOM] », nous insulte."),
        ("ils m'appellent « Mouloud » pour rire.", "ils m'appellent « [NOM] » pour rire."),
    ],
)
def test_a_nickname_in_quotes_after_a_naming_verb_is_a_name_even_when_it_is_a_word(text, expected):
    assert scrub(text) == expected


@pytest.mark.parametrize(
    "text", ["il m'appelle « le gitan » devant tout le monde.", "il nous appelle « macaques » tous les jours."]
)
def test_a_description_or_an_insult_in_quotes_is_not_a_nickname(text):
    assert scrub(text) == text


def test_an_overseas_nir_is_replaced_in_its_printed_grouping():
    assert scrub("Mon numéro de sécurité sociale : 2 79 11 974 11 052 38.") == "Mon numéro de sécurité sociale : [NIR]."


def test_a_street_named_after_a_date_is_an_address_with_its_floor():
    assert scrub("boulangerie, 3 place du 14-Juillet, 34500 Béziers") == "boulangerie, [ADRESSE]"
    assert scrub("nous on est 22 rue des 4 vents, 2e étage.") == "nous on est [ADRESSE]."


def test_a_lowercase_initial_after_a_lowercase_first_name_belongs_to_it():
    text = "le chauffeur, wassim k. d'après l'appli, a refusé mon chien guide."
    assert scrub(text) == "le chauffeur, [NOM] d'après l'appli, a refusé mon chien guide."
