"""Fixtures of the component gallery (/_composants/): example forms and parameters.

Each component is shown in each of its states, from these values only, so the
gallery, the tests and the browser test (axe) see the same examples.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

ROLE_HINTS = {
    "victime": _("Cela vous est arrivé à vous."),
    "temoin": _("Vous avez vu ou entendu ce qui est arrivé à quelqu'un d'autre."),
    "pro": _("Vous accompagnez la personne dans votre travail : association, travail social, santé…"),
}


class ExampleForm(forms.Form):
    """One field of each kind the components render."""

    name = forms.CharField(
        label=_("Votre prénom (facultatif)"),
        required=False,
        max_length=100,
        help_text=_("Un prénom d'emprunt convient aussi."),
    )
    email = forms.EmailField(
        label=_("Adresse électronique"),
        help_text=_("Nous ne l'utilisons que pour vous répondre."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    postal_code = forms.RegexField(
        label=_("Code postal"),
        regex=r"^[0-9]{5}$",
        help_text=_("Par exemple : 44000."),
        error_messages={"invalid": _("Le code postal doit compter 5 chiffres, par exemple 44000.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )
    age = forms.IntegerField(label=_("Votre âge (facultatif)"), required=False, min_value=0, max_value=120)
    occurred_on = forms.DateField(
        label=_("Date des faits"),
        help_text=_("Par exemple : 15/03/2026."),
        input_formats=["%d/%m/%Y"],
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"inputmode": "numeric"}),
        error_messages={"invalid": _("Indiquez une date réelle, par exemple 15/03/2026.")},
    )
    narrative = forms.CharField(
        label=_("Racontez ce qui s'est passé, avec vos mots"),
        help_text=_("Ce qui a été dit ou fait, par qui, et ce que cela a entraîné."),
        widget=forms.Textarea(attrs={"rows": 5, "data-maxlength": "500"}),
        error_messages={"required": _("Décrivez ce qui s'est passé.")},
    )
    domain = forms.ChoiceField(
        label=_("Dans quel domaine ?"),
        choices=[
            ("", _("Choisissez un domaine")),
            ("emploi", _("Le travail")),
            ("logement", _("Le logement")),
            ("services_publics", _("Un service public")),
        ],
        error_messages={"required": _("Choisissez un domaine.")},
    )
    document = forms.FileField(
        label=_("Un document (facultatif)"),
        required=False,
        help_text=_("PDF, JPEG ou PNG, 10 Mo au plus."),
    )
    role = forms.ChoiceField(
        label=_("Qui êtes-vous dans cette situation ?"),
        widget=forms.RadioSelect,
        choices=[("victime", _("La personne concernée")), ("temoin", _("Un témoin")), ("pro", _("Un·e professionnel·le"))],
        error_messages={"required": _("Indiquez qui vous êtes dans cette situation.")},
    )
    grounds = forms.MultipleChoiceField(
        label=_("Selon vous, pourquoi cela s'est-il passé ?"),
        help_text=_("Plusieurs réponses possibles."),
        widget=forms.CheckboxSelectMultiple,
        choices=[("origine", _("Mon origine")), ("handicap", _("Mon handicap")), ("age", _("Mon âge"))],
        error_messages={"required": _("Choisissez au moins une raison.")},
    )
    consent = forms.BooleanField(
        label=_("J'accepte que mon signalement soit lu par les conseillères et conseillers"),
        help_text=_("Vous pouvez retirer votre accord à tout moment."),
        error_messages={"required": _("Pour envoyer votre signalement, cochez cette case.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choice_hints = dict(ROLE_HINTS)


INVALID_ANSWERS = {
    "err-name": "Camille",
    "err-email": "camille.exemple.org",
    "err-postal_code": "440",
    "err-age": "-3",
    "err-occurred_on": "31/02/2026",
    "err-narrative": "",
    "err-domain": "",
    "err-role": "",
    "err-consent": "",
}


def form_clean() -> ExampleForm:
    return ExampleForm(prefix="ok", initial={"name": "Camille", "role": "temoin", "grounds": ["origine"]})


def form_in_error() -> ExampleForm:
    form = ExampleForm(INVALID_ANSWERS, prefix="err")
    form.is_valid()
    form.add_error(None, _("Exemple d'erreur qui ne concerne pas un champ précis."))
    return form


def service_results() -> list:
    """Two directory results (a local service, a national one), as the search returns them."""
    from types import SimpleNamespace

    local = SimpleNamespace(
        pk=0, nom=_("Permanence juridique gratuite"), is_national=False,
        structure=SimpleNamespace(nom=_("Point-justice de l'exemple"), telephone="", site_web="https://exemple.org",
                                  adresse="", code_postal="", commune="", horaires_accueil=""),
        description=_("Un juriste vous reçoit sur rendez-vous pour expliquer vos droits."),
        types_aide=["information-juridique", "mediation"], telephone="0261910001", lien_mobilisation="",
        adresse=_("12 rue de l'Exemple"), code_postal="44000", commune="Nantes",
        horaires_accueil="Mo-Fr 09:00-12:30,13:30-17:00; PH off", modes_accueil=["en-presentiel"],
        langues=["fr", "en"],
    )
    national = SimpleNamespace(
        pk=1, nom=_("Numéro national d'écoute"), is_national=True,
        structure=SimpleNamespace(nom=_("Service national de l'exemple"), telephone="", site_web="", adresse="",
                                  code_postal="", commune="", horaires_accueil=""),
        description=_("Écoute anonyme et gratuite, jour et nuit."), types_aide=["ecoute"], telephone="3919",
        lien_mobilisation="", adresse="", code_postal="", commune="", horaires_accueil="24/7",
        modes_accueil=["a-distance"], langues=["fr"],
    )
    return [
        SimpleNamespace(service=local, distance_km=2.4, reasons=[_("traite tous les motifs de discrimination")]),
        SimpleNamespace(service=national, distance_km=None, reasons=[_("service national")]),
    ]


def picker_groups() -> list[dict]:
    """The qualification picker's groups, as casework's template tag builds them."""

    def option(code, label, words="", source="", checked=False, name="criteria"):
        return {"id": f"g-picker-{code}", "name": name, "value": code, "label": label, "words": words,
                "source": source, "more": "", "checked": checked}

    return [
        {"title": _("Ce que la personne a signalé"), "open": True, "options": [
            option("patronyme", _("Patronyme"), _("Le nom de famille"), _("Code pénal, art. 225-1"), checked=True),
        ]},
        {"title": _("Autres critères"), "open": False, "options": [
            option("handicap", _("Handicap"), _("Un handicap, une maladie"), _("Code pénal, art. 225-1")),
            option("age", _("Âge"), _("L'âge"), _("Code pénal, art. 225-1")),
        ]},
        {"title": _("Situations connexes"), "open": False, "options": [
            option("harcelement", _("Harcèlement"), name="related_situations"),
        ]},
    ]


def context() -> dict:
    return {
        "identity": {
            "name": "Camille Martin", "teams": [_("Ville de Nantes")], "availability": "busy",
            "choices": [("available", _("disponible")), ("busy", _("occupé·e")), ("away", _("absent·e"))],
        },
        "console_entries": [
            {"section": "home", "label": _("Accueil"), "url": "#g-console-nav", "count": 0, "count_label": "", "current": True},
            {"section": "queue", "label": _("Dossiers"), "url": "#g-console-nav", "count": 3, "count_label": _("nouveaux"), "current": False},
            {"section": "chat", "label": _("Tchat"), "url": "#g-console-nav", "count": 1, "count_label": _("en attente"), "current": False},
        ],
        "picker_groups": picker_groups(),
        "saved_filters": {"query": "vue=nouveaux&channel=form", "items": [
            {"pk": 1, "name": _("Nouveaux par formulaire"), "url": "#g-saved-filters", "current": True,
             "rename_url": "#g-saved-filters", "delete_url": "#g-saved-filters"},
            {"pk": 2, "name": _("En retard, Loire-Atlantique"), "url": "#g-saved-filters", "current": False,
             "rename_url": "#g-saved-filters", "delete_url": "#g-saved-filters"},
        ]},
        "bulk_references": ["K7M2P9QX", "R4T8W2ZA"],
        "bulk_colleagues": [{"pk": 1, "name": "Camille Martin"}, {"pk": 2, "name": "Dominique Petit"}],
        "bulk_teams": [{"pk": 1, "name": _("Équipe nationale")}, {"pk": 2, "name": _("Ville de Paris")}],
        "picker_chosen": [_("Patronyme")],
        "service_results": service_results(),
        "title": _("Composants"),
        # What the operator sets in the instance's settings (sign_language_relay_*).
        "relay_example": {"sign_language_relay_url": "https://relais.example.org/appel",
                          "sign_language_relay_hours": _("du lundi au vendredi, 9 h – 17 h 30")},
        "form_ok": form_clean(),
        "form_err": form_in_error(),
        "form_more": ExampleForm(prefix="more"),
        "role_hints": {"victime": _("(indice passé par le paramètre hints)")},
        "buttons": [
            {"label": _("Continuer"), "variant": "primary"},
            {"label": _("Étape précédente"), "variant": "secondary"},
            {"label": _("Supprimer mon signalement"), "variant": "warning"},
            {"label": _("Retirer"), "variant": "link"},
        ],
        "alerts": [
            {"type": "info", "title": _("Bon à savoir"), "message": _("Vous pouvez vous arrêter et reprendre plus tard.")},
            {"type": "success", "title": _("Votre message est envoyé."), "message": _("Nous vous répondrons sur la page de suivi.")},
            {"type": "warning", "title": _("Votre session va expirer"), "message": _("Enregistrez votre étape pour ne rien perdre.")},
            {"type": "error", "title": _("Le document n'a pas été ajouté"), "message": _("Ce fichier n'est ni un PDF ni une image.")},
        ],
        "summary_rows": [
            {
                "key": _("Qui êtes-vous"),
                "value": _("Un témoin"),
                "action_label": _("Modifier"),
                "action_name": "goto",
                "action_value": "role",
                "action_hidden": _("qui vous êtes"),
            },
            {
                "key": _("Le lieu"),
                "value": _("44000\nNantes"),
                "action_label": _("Modifier"),
                "action_name": "goto",
                "action_value": "where",
                "action_hidden": _("le lieu"),
            },
            {"key": _("Votre code de suivi"), "value": _("Affiché après l'envoi")},
        ],
    }
