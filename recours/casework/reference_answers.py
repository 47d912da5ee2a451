"""The legal answers shipped with the platform (national templates), loaded by `load_reference_data`.

Written for people who are not lawyers: short sentences, the legal source in brackets.
They state the law as of 2026 (Code pénal art. 225-1 to 225-4, Code du travail
L1132-1 and L1134-1 to L1134-5, loi n° 2008-496, loi organique n° 2011-333, Code de
procédure pénale art. 8, 15-3 and 85). A coordinator may adapt them; the loader only
creates those missing (by `key`) and never overwrites an edited text.
"""

from django.utils.translation import gettext_noop as N_

REFERENCE_ANSWERS = [
    {
        "key": "premiere-reponse",
        "topic": "other",
        "title": N_("Première réponse : nous avons bien lu votre signalement"),
        "body": N_(
            "Bonjour,\n\n"
            "Je suis {prenom_conseiller}, de l'équipe {equipe}. J'ai bien lu votre signalement (référence {reference}) "
            "et je vous remercie de nous avoir fait confiance.\n\n"
            "Ce que vous décrivez peut relever d'une discrimination, c'est-à-dire d'un traitement défavorable "
            "fondé sur un critère interdit par la loi (article 225-1 du Code pénal). Je vais étudier votre situation "
            "et je reviens vers vous ici même, sur votre page de suivi.\n\n"
            "Si vous préférez en parler de vive voix, vous pouvez aussi nous appeler au {telephone_instance} "
            "({horaires_telephone}).\n\n"
            "Bien cordialement,\n{prenom_conseiller}"
        ),
    },
    {
        "key": "demande-precisions",
        "topic": "other",
        "title": N_("Demande de précisions"),
        "body": N_(
            "Bonjour,\n\n"
            "Pour bien vous conseiller, j'ai besoin de quelques précisions :\n"
            "- la date (même approximative) et le lieu des faits ;\n"
            "- qui est en cause (une entreprise, un bailleur, une administration…) ;\n"
            "- ce qui vous fait penser que vous avez été traité·e ainsi à cause de votre origine, de votre handicap, "
            "de votre état de santé ou d'un autre critère ;\n"
            "- les démarches que vous avez déjà faites, et si des personnes ont été témoins.\n\n"
            "Vous pouvez me répondre directement sur cette page. Rien de ce que vous écrivez n'est transmis "
            "à la personne ou à l'organisme en cause sans votre accord.\n\n"
            "Bien cordialement,\n{prenom_conseiller}"
        ),
    },
    {
        "key": "droits-discrimination",
        "topic": "rights",
        "title": N_("Vos droits face à une discrimination"),
        "body": N_(
            "Bonjour,\n\n"
            "La loi interdit de traiter une personne moins favorablement qu'une autre dans une situation comparable "
            "en raison d'un des critères qu'elle énumère : origine, sexe, handicap, état de santé, âge, religion, "
            "orientation sexuelle, identité de genre, lieu de résidence, situation de famille, grossesse, apparence "
            "physique, nom de famille, opinions politiques, activités syndicales, entre autres "
            "(article 225-1 du Code pénal, loi n° 2008-496 du 27 mai 2008).\n\n"
            "C'est interdit notamment pour l'accès à un emploi, une formation, un logement, un bien ou un service, "
            "et dans les relations avec un service public. Une discrimination peut être directe (un refus explicite) "
            "ou indirecte (une règle apparemment neutre qui désavantage un groupe de personnes sans justification).\n\n"
            "Plusieurs voies existent, qui peuvent se combiner : une réclamation auprès du Défenseur des droits "
            "(gratuite), une action devant un juge civil ou administratif pour obtenir réparation, une plainte pénale. "
            "Je peux vous aider à choisir celle qui convient à votre situation.\n\n"
            "Bien cordialement,\n{prenom_conseiller}\n{nom_instance}"
        ),
    },
    {
        "key": "delais",
        "topic": "deadlines",
        "title": N_("Les délais pour agir"),
        "body": N_(
            "Bonjour,\n\n"
            "Voici les délais à connaître. Ils courent à partir des faits (ou, au travail, du jour où la "
            "discrimination vous a été révélée) ; ne tardez pas pour autant, car les preuves se perdent :\n\n"
            "- Défenseur des droits : vous pouvez le saisir dans les 5 ans qui suivent les faits. "
            "La démarche est gratuite (loi organique n° 2011-333 du 29 mars 2011).\n"
            "- Plainte pénale : la discrimination est un délit ; le délai de prescription est de 6 ans à partir "
            "des faits (article 8 du Code de procédure pénale).\n"
            "- Conseil de prud'hommes (discrimination au travail) : 5 ans à compter de la révélation de la "
            "discrimination (article L1134-5 du Code du travail).\n"
            "- Contestation d'une décision administrative : en général 2 mois à partir de sa notification ; "
            "si c'est votre cas, dites-le-moi vite.\n\n"
            "Ces délais sont des repères : chaque situation a ses particularités. N'hésitez pas à m'écrire ici "
            "ou à appeler le {telephone_instance}.\n\n"
            "Bien cordialement,\n{prenom_conseiller}"
        ),
    },
    {
        "key": "preuves",
        "topic": "evidence",
        "title": N_("Les preuves à réunir"),
        "body": N_(
            "Bonjour,\n\n"
            "Même si vous ne savez pas encore ce que vous voulez faire, gardez dès maintenant tout ce qui peut "
            "montrer ce qui s'est passé :\n"
            "- les écrits : courriels, SMS, courriers, annonces, offres d'emploi ou de logement, réponses reçues "
            "(faites des captures d'écran où l'on voit la date et l'expéditeur) ;\n"
            "- un récit daté et détaillé, écrit le plus tôt possible : qui, quoi, quand, où, les mots employés ;\n"
            "- les témoignages : une personne témoin peut faire une attestation écrite, datée et signée, avec la "
            "copie de sa pièce d'identité (formulaire Cerfa n° 11527) ;\n"
            "- les éléments de comparaison : une autre personne, dans la même situation que vous mais sans le "
            "critère en cause, a-t-elle été traitée autrement ?\n"
            "- si votre santé en a souffert, les certificats médicaux et arrêts de travail.\n\n"
            "Devant le juge civil, administratif ou prud'homal, vous n'avez pas à prouver la discrimination à vous "
            "seul·e : il suffit de présenter des faits qui la laissent supposer ; c'est ensuite à la partie adverse "
            "de prouver que sa décision était justifiée par des raisons objectives (article 4 de la loi "
            "n° 2008-496, article L1134-1 du Code du travail). Avant d'enregistrer quelqu'un à son insu, "
            "demandez-nous conseil.\n\n"
            "Bien cordialement,\n{prenom_conseiller}"
        ),
    },
    {
        "key": "test-de-situation",
        "topic": "testing",
        "title": N_("Le test de situation (testing)"),
        "body": N_(
            "Bonjour,\n\n"
            "Le test de situation consiste à comparer la réponse faite à deux personnes dont les profils sont "
            "identiques, sauf sur le critère en cause (par exemple deux candidatures au même logement, l'une "
            "avec un nom à consonance étrangère et l'autre non).\n\n"
            "Il est reconnu comme moyen de preuve en matière pénale : la discrimination est constituée même si la "
            "demande a été faite pour la mettre en évidence (article 225-3-1 du Code pénal).\n\n"
            "Pour qu'il soit utile, il doit être préparé avec soin : même demande, au même moment, par écrit si "
            "possible, et tout garder (annonces, réponses, dates, heures). L'idéal est de le faire avec "
            "l'aide d'une association spécialisée ou d'un huissier (commissaire de justice). Si vous le "
            "souhaitez, je peux vous orienter vers une structure qui accompagne ce type de démarche.\n\n"
            "Bien cordialement,\n{prenom_conseiller}"
        ),
    },
    {
        "key": "porter-plainte",
        "topic": "complaint",
        "title": N_("Porter plainte pour discrimination"),
        "body": N_(
            "Bonjour,\n\n"
            "La discrimination est un délit puni jusqu'à 3 ans d'emprisonnement et 45 000 euros d'amende, "
            "davantage lorsqu'elle est commise par une personne dépositaire de l'autorité publique "
            "(articles 225-2 et 432-7 du Code pénal). Vous pouvez porter plainte dans les 6 ans qui suivent les faits.\n\n"
            "Comment faire :\n"
            "- dans n'importe quel commissariat de police ou brigade de gendarmerie : ils sont tenus de recevoir "
            "votre plainte (article 15-3 du Code de procédure pénale) ; vous pouvez être accompagné·e ;\n"
            "- ou par un courrier au procureur de la République du tribunal judiciaire du lieu des faits, en "
            "recommandé avec accusé de réception, avec votre récit daté et la copie de vos preuves.\n\n"
            "Si votre plainte est classée sans suite ou reste sans réponse pendant 3 mois, vous pouvez déposer une "
            "plainte avec constitution de partie civile auprès du doyen des juges d'instruction (article 85 du Code "
            "de procédure pénale). Une association ou un avocat peut vous y aider ; l'aide juridictionnelle peut "
            "prendre en charge les frais selon vos ressources.\n\n"
            "Gardez une copie de tout ce que vous remettez et le récépissé de la plainte.\n\n"
            "Bien cordialement,\n{prenom_conseiller}"
        ),
    },
    {
        "key": "defenseur-des-droits",
        "topic": "orientation",
        "title": N_("Saisir le Défenseur des droits"),
        "body": N_(
            "Bonjour,\n\n"
            "Le Défenseur des droits est une autorité indépendante chargée de lutter contre les discriminations. "
            "Le saisir est gratuit et ne nécessite pas d'avocat. Vous pouvez le faire dans les 5 ans qui suivent les faits :\n"
            "- par le formulaire en ligne de la plateforme antidiscriminations.fr ;\n"
            "- par téléphone au 39 28 (appel gratuit) ;\n"
            "- en rencontrant gratuitement un·e délégué·e du Défenseur des droits près de chez vous "
            "(permanences dans chaque département).\n\n"
            "Il peut demander des explications à la personne ou à l'organisme mis en cause, proposer une "
            "médiation, faire des recommandations ou présenter des observations devant un juge. Sa saisine "
            "n'interrompt pas les délais pour agir en justice : si vous envisagez aussi une plainte ou une "
            "action aux prud'hommes, gardez ces délais en tête.\n\n"
            "Nous pouvons préparer avec vous le dossier à lui transmettre (référence {reference}).\n\n"
            "Bien cordialement,\n{prenom_conseiller}"
        ),
    },
    {
        "key": "emploi",
        "topic": "rights",
        "title": N_("Discrimination au travail : vos recours"),
        "body": N_(
            "Bonjour,\n\n"
            "Au travail, aucune personne ne peut être écartée d'un recrutement, sanctionnée, licenciée ou "
            "désavantagée (salaire, formation, promotion, mutation…) en raison d'un critère interdit "
            "(article L1132-1 du Code du travail). Toute mesure prise en violation de cette règle est nulle.\n\n"
            "Vous pouvez, selon votre situation :\n"
            "- en parler aux représentants du personnel (CSE) ou à un syndicat, qui peuvent vous accompagner ;\n"
            "- alerter l'inspection du travail ;\n"
            "- saisir le Défenseur des droits (gratuit, dans les 5 ans) ;\n"
            "- saisir le conseil de prud'hommes, dans les 5 ans à compter de la révélation de la discrimination "
            "(article L1134-5 du Code du travail) ; dans la fonction publique, c'est le tribunal administratif ;\n"
            "- porter plainte (délai de 6 ans).\n\n"
            "Vous êtes protégé·e contre les représailles pour avoir dénoncé ou témoigné de bonne foi d'une "
            "discrimination (article L1132-3 du Code du travail).\n\n"
            "Bien cordialement,\n{prenom_conseiller}"
        ),
    },
    {
        "key": "logement",
        "topic": "rights",
        "title": N_("Refus de logement discriminatoire"),
        "body": N_(
            "Bonjour,\n\n"
            "Un bailleur, une agence ou un organisme HLM ne peut pas refuser de vous louer un logement en raison "
            "de votre origine, de votre nom, de votre handicap, de votre situation de famille ou d'un autre critère "
            "interdit (article 1er de la loi n° 89-462 du 6 juillet 1989 et article 225-2 du Code pénal). Il ne "
            "peut pas non plus vous demander certains documents (photo, relevé de compte, carte vitale…) : la liste "
            "des pièces qu'il peut exiger est fixée par décret.\n\n"
            "Gardez l'annonce, les échanges et les dates. Si une autre personne a obtenu une visite ou le logement "
            "dans les mêmes conditions, notez-le : la comparaison est un élément important.\n\n"
            "Vous pouvez saisir le Défenseur des droits (gratuit, dans les 5 ans) ou porter plainte "
            "(délai de 6 ans). Nous pouvons aussi vous orienter vers une association spécialisée.\n\n"
            "Bien cordialement,\n{prenom_conseiller}"
        ),
    },
]
