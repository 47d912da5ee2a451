"""Demo local structures for the demo territories (Nantes, Loire-Atlantique, Paris).

Fictional and marked as such: names end with "(démo)", `is_demo` is set, phone numbers are
in the ranges ARCEP reserves for fiction (02 61 91 xx xx, 01 99 00 xx xx) and mails go to
example.org. Never loaded outside `make run` and the tests.
"""

from recours.directory.seed import entries_validate
from recours.directory.services import directory_upsert

SOURCE = "recours-demo"
DATE = "2026-11-01"


def _structure(slug, nom, code_insee, code_postal, commune, adresse, telephone, description):
    return {
        "source": SOURCE, "id": f"{SOURCE}--{slug}", "nom": f"{nom} (démo)", "date_maj": DATE,
        "code_insee": code_insee, "code_postal": code_postal, "commune": commune, "adresse": adresse,
        "telephone": telephone, "courriel": f"contact@{slug}.example.org", "description": description,
    }


def _service(slug, structure, nom, description, zone, **extra):
    values = {
        "source": SOURCE, "structure_id": f"{SOURCE}--{structure}", "id": f"{SOURCE}--{slug}",
        "nom": f"{nom} (démo)", "description": description, "date_maj": DATE, "zone_eligibilite": zone,
        "frais": "gratuit", "publics": ["tous-publics"], "courriel_orientation": f"orientation@{structure}.example.org",
        "date_verification": DATE, "langues": ["fr"],
    }
    values.update(extra)
    return values


NANTES_METROPOLE = ["44109", "44143", "44162", "44190", "44114"]

DEMO_DIRECTORY = {
    "structures": [
        _structure("point-justice-nantes", "Point-justice de Nantes Nord", "44109", "44300", "Nantes",
                   "12 rue de la Démonstration", "0261910001",
                   "Permanences gratuites d'avocats, de juristes et de conciliateurs."),
        _structure("aide-victimes-44", "Association d'aide aux victimes de Loire-Atlantique", "44109", "44000",
                   "Nantes", "3 quai de l'Exemple", "0261910002",
                   "Accueil, écoute et accompagnement des victimes d'infractions."),
        _structure("cidff-44", "CIDFF de Loire-Atlantique", "44109", "44000", "Nantes",
                   "8 place du Modèle", "0261910003",
                   "Information sur les droits des femmes et des familles."),
        _structure("handi-droits-44", "Collectif Handicap et Droits 44", "44162", "44800", "Saint-Herblain",
                   "21 avenue Fictive", "0261910004",
                   "Collectif de personnes handicapées et de leurs proches pour l'accès aux droits."),
        _structure("logement-egal", "Maison du logement sans discrimination", "44143", "44400", "Rezé",
                   "5 rue Imaginaire", "0261910005",
                   "Conseil aux locataires et candidats à la location."),
        _structure("centre-lgbti-ouest", "Centre LGBTI de l'Ouest", "44109", "44000", "Nantes",
                   "14 rue de l'Essai", "0261910006", "Accueil, écoute et convivialité pour les personnes LGBTI."),
        _structure("union-syndicale-44", "Union syndicale interprofessionnelle 44", "44109", "44200", "Nantes",
                   "1 boulevard du Test", "0261910007", "Permanences juridiques sur le droit du travail."),
        _structure("mission-egalite-nantes", "Ville de Nantes — mission égalité", "44109", "44000", "Nantes",
                   "2 rue de l'Hôtel de Ville fictif", "0261910008",
                   "Le service municipal de lutte contre les discriminations."),
        _structure("maison-droits-paris-20", "Maison des droits Paris 20e", "75056", "75020", "Paris",
                   "40 rue de l'Exemple", "0199000001", "Accès au droit pour les habitants de l'est parisien."),
        _structure("antiracisme-idf", "Réseau antiraciste d'Île-de-France", "75056", "75011", "Paris",
                   "9 rue du Spécimen", "0199000002", "Association d'aide aux victimes de racisme."),
    ],
    "services": [
        _service("point-justice-nantes-permanence", "point-justice-nantes", "Permanence juridique gratuite",
                 "Un juriste vous reçoit sur rendez-vous pour expliquer vos droits, y compris face à une "
                 "discrimination, et vous aider à préparer vos démarches.",
                 ["44"], type="information", modes_accueil=["en-presentiel"], modes_mobilisation=["telephoner"],
                 horaires_accueil="Mo-Fr 09:00-12:30,13:30-17:00; PH off", telephone="0261910001",
                 code_insee="44109", types_aide=["information-juridique"], langues=["fr", "en"]),
        _service("aide-victimes-44-accompagnement", "aide-victimes-44", "Accompagnement des victimes",
                 "Écoute, soutien psychologique et aide pour porter plainte, pour toute victime d'infraction, "
                 "discriminations comprises.", ["44"], type="accompagnement",
                 modes_accueil=["en-presentiel", "a-distance"], modes_mobilisation=["telephoner", "se-presenter"],
                 horaires_accueil="Mo-Fr 09:00-18:00; PH off", telephone="0261910002", code_insee="44109",
                 types_aide=["ecoute", "soutien-psychologique", "aide-depot-plainte"], langues=["fr", "ar"]),
        _service("cidff-44-juridique", "cidff-44", "Information juridique droits des femmes",
                 "Juristes spécialisées : discriminations liées au sexe, à la grossesse ou à la situation de "
                 "famille, au travail comme ailleurs.", ["44"], type="information",
                 modes_accueil=["en-presentiel", "a-distance"], modes_mobilisation=["telephoner"],
                 horaires_accueil="Mo-Th 09:00-17:00; Fr 09:00-12:00", telephone="0261910003", code_insee="44109",
                 publics=["femmes", "familles"], criteres=["sexe", "grossesse", "situation_de_famille"],
                 situations_connexes=["sexisme", "harcelement"],
                 types_aide=["information-juridique", "accompagnement-juridique", "ecoute"]),
        _service("handi-droits-44-permanence", "handi-droits-44", "Permanence accès aux droits et handicap",
                 "Aide pour faire valoir ses droits face à un refus lié au handicap ou à l'état de santé : "
                 "emploi, école, accès aux commerces et aux services.", ["44"], type="accompagnement",
                 modes_accueil=["en-presentiel"], modes_mobilisation=["telephoner", "envoyer-un-courriel"],
                 horaires_accueil="Tu,Th 14:00-18:00", telephone="0261910004", code_insee="44162",
                 publics=["personnes-en-situation-de-handicap"], criteres=["handicap", "etat_de_sante", "perte_autonomie"],
                 situations_connexes=["validisme"], domaines=["emploi_prive", "emploi_public", "education", "biens_services"],
                 types_aide=["information-juridique", "mediation", "accompagnement-juridique"], langues=["fr", "lsf"]),
        _service("logement-egal-conseil", "logement-egal", "Conseil logement et discriminations",
                 "Refus de location, agence qui ne rappelle pas : nous vous aidons à réunir des preuves, "
                 "organisons des tests de situation et accompagnons vos recours.", NANTES_METROPOLE,
                 type="accompagnement", modes_accueil=["en-presentiel", "a-distance"],
                 modes_mobilisation=["telephoner", "se-presenter"], horaires_accueil="Mo-Fr 10:00-18:00; PH off",
                 telephone="0261910005", code_insee="44143",
                 criteres=["origine", "patronyme", "vulnerabilite_economique", "situation_de_famille", "handicap"],
                 situations_connexes=["droits_locataires"], domaines=["logement"],
                 types_aide=["information-juridique", "test-de-situation", "accompagnement-juridique"]),
        _service("centre-lgbti-ouest-ecoute", "centre-lgbti-ouest", "Écoute et accompagnement LGBTI",
                 "Écoute par des bénévoles formés, permanences juridiques mensuelles et orientation pour les "
                 "personnes victimes de LGBTIphobies.", ["region:52"], type="accompagnement",
                 modes_accueil=["en-presentiel", "a-distance"], modes_mobilisation=["telephoner", "se-presenter"],
                 horaires_accueil="We 18:00-21:00; Sa 14:00-18:00", telephone="0261910006", code_insee="44109",
                 criteres=["orientation_sexuelle", "identite_de_genre", "moeurs"], situations_connexes=["lgbtphobie"],
                 types_aide=["ecoute", "information-juridique"], langues=["fr", "en", "es"]),
        _service("union-syndicale-44-juridique", "union-syndicale-44", "Permanence droit du travail",
                 "Salariés du privé et agents publics : discrimination à l'embauche, dans la carrière ou liée à "
                 "l'activité syndicale ; conseil et défense devant les prud'hommes.", ["44"],
                 type="accompagnement", modes_accueil=["en-presentiel"], modes_mobilisation=["se-presenter"],
                 horaires_accueil="Mo,We 14:00-18:00", telephone="0261910007", code_insee="44109",
                 domaines=["emploi_prive", "emploi_public"],
                 types_aide=["information-juridique", "accompagnement-juridique"], langues=["fr", "pt"]),
        _service("mission-egalite-nantes-accueil", "mission-egalite-nantes", "Accueil discriminations de la Ville",
                 "Le service municipal écoute, informe sur les droits, propose une médiation et oriente vers "
                 "les partenaires de la ville.", ["44109"], type="information",
                 modes_accueil=["en-presentiel", "a-distance"], modes_mobilisation=["telephoner", "se-presenter"],
                 horaires_accueil="Mo-Fr 08:30-17:30; PH off", telephone="0261910008", code_insee="44109",
                 types_aide=["ecoute", "information-juridique", "mediation"], langues=["fr", "ar", "tr"]),
        _service("maison-droits-paris-20-permanence", "maison-droits-paris-20", "Permanence d'accès au droit",
                 "Juristes et délégués bénévoles : information sur les droits et aide aux démarches, y compris "
                 "face à une discrimination.", ["75"], type="information", modes_accueil=["en-presentiel"],
                 modes_mobilisation=["se-presenter"], horaires_accueil="Mo-Fr 09:30-17:30; PH off",
                 telephone="0199000001", code_insee="75056", types_aide=["information-juridique", "mediation"]),
        _service("antiracisme-idf-juridique", "antiracisme-idf", "Aide juridique aux victimes de racisme",
                 "Conseil juridique, accompagnement d'une plainte et soutien des victimes de racisme, "
                 "d'antisémitisme et de discriminations liées à l'origine.", ["region:11"],
                 type="accompagnement", modes_accueil=["en-presentiel", "a-distance"],
                 modes_mobilisation=["telephoner", "envoyer-un-courriel"], horaires_accueil="Mo-Fr 10:00-18:00",
                 telephone="0199000002", code_insee="75056",
                 criteres=["origine", "ethnie", "nation", "pretendue_race", "patronyme", "religion"],
                 situations_connexes=["racisme", "antireligieux"],
                 types_aide=["information-juridique", "aide-depot-plainte", "accompagnement-juridique"],
                 langues=["fr", "ar", "en"]),
    ],
}


def demo_directory_load():
    structures, services = entries_validate(DEMO_DIRECTORY)
    return directory_upsert(structures=structures, services=services, is_demo=True)
