"""The coordinators' form for one directory entry (a service and its structure)."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from recours.directory.models import KindOfHelp, Language
from recours.directory.schema import FRAIS, MODES_ACCUEIL
from recours.taxonomy.selectors import criteria_active, domains_active

_LIST_SPLIT = re.compile(r"[,;\s]+")


def _checkboxes(label, choices, help_text=""):
    return forms.MultipleChoiceField(label=label, required=False, choices=choices, help_text=help_text,
                                     widget=forms.CheckboxSelectMultiple)


class ServiceEntryForm(forms.Form):
    team = forms.ChoiceField(label=_("Équipe qui tient la fiche"), required=False)
    structure_nom = forms.CharField(label=_("Structure"), max_length=150,
                                    help_text=_("L'association, le service public ou l'organisme qui propose le service."))
    structure_siret = forms.CharField(label=_("SIRET de la structure (facultatif)"), required=False, max_length=14)
    structure_site_web = forms.URLField(label=_("Site web de la structure (facultatif)"), required=False,
                                        max_length=500, assume_scheme="https")
    nom = forms.CharField(label=_("Nom du service"), max_length=150)
    description = forms.CharField(label=_("Description"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}),
                                  help_text=_("Ce que le service fait, pour qui, en quelques phrases simples."))
    types_aide = _checkboxes(_("Types d'aide"), KindOfHelp.choices)
    criteres = _checkboxes(_("Motifs traités"), (), _("Aucun coché : tous les motifs (service généraliste)."))
    domaines = _checkboxes(_("Domaines traités"), (), _("Aucun coché : tous les domaines."))
    zone_eligibilite = forms.CharField(
        label=_("Zone d'éligibilité"), max_length=2000,
        help_text=_("Codes séparés par des virgules : « france », des départements (44), une région (region:52), "
                    "des communes (code INSEE, 44109)."),
    )
    telephone = forms.CharField(label=_("Téléphone"), required=False, max_length=30)
    courriel = forms.EmailField(label=_("Courriel"), required=False)
    courriel_orientation = forms.EmailField(
        label=_("Courriel de réception des orientations (facultatif)"), required=False,
        help_text=_("Où la structure reçoit les orientations ; à défaut, son courriel."),
    )
    lien_mobilisation = forms.URLField(label=_("Lien pour prendre contact (facultatif)"), required=False,
                                       max_length=500, assume_scheme="https")
    adresse = forms.CharField(label=_("Adresse"), required=False, max_length=250)
    code_postal = forms.CharField(label=_("Code postal"), required=False, max_length=5,
                                  widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    commune = forms.CharField(label=_("Commune"), required=False, max_length=150)
    horaires_accueil = forms.CharField(
        label=_("Horaires d'accueil (facultatif)"), required=False, max_length=500,
        help_text=_("Au format OpenStreetMap, par exemple : Mo-Fr 09:00-12:30,13:30-17:00; PH off"),
    )
    modes_accueil = _checkboxes(_("Modes d'accueil"), MODES_ACCUEIL)
    langues = _checkboxes(_("Langues parlées"), Language.choices)
    frais = forms.ChoiceField(label=_("Frais"), required=False, choices=[("", _("Non précisé")), *FRAIS])
    conditions_acces = forms.CharField(label=_("Conditions d'accès (facultatif)"), required=False, max_length=2000,
                                       widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, teams=(), team_optional=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criteres"].choices = [(c.code, c.label) for c in criteria_active()]
        self.fields["domaines"].choices = [(d.code, d.label) for d in domains_active()]
        choices = [(str(team.pk), team.name) for team in teams]
        if team_optional:
            choices.insert(0, ("", _("Aucune : fiche nationale ou importée")))
        self.fields["team"].choices = choices
        self.fields["team"].required = not team_optional
        self.teams = {str(team.pk): team for team in teams}

    def clean(self):
        from recours.geo.selectors import communes_for_postal_code

        data = super().clean()
        code = (data.get("code_postal") or "").strip()
        data["code_insee"] = ""
        if code:
            communes = communes_for_postal_code(code)
            name = (data.get("commune") or "").strip().casefold()
            match = [c for c in communes if c.name.casefold() == name] if name else communes[:1] if len(communes) == 1 else []
            if not communes:
                self.add_error("code_postal", _("Ce code postal n'existe pas."))
            elif not match:
                self.add_error("commune", _("Indiquez une commune de ce code postal : %(names)s.") % {
                    "names": ", ".join(c.name for c in communes[:8])})
            else:
                data["code_insee"], data["commune"] = match[0].insee_code, match[0].name
        return data

    def chosen_team(self):
        return self.teams.get(self.cleaned_data.get("team") or "")

    def rows(self) -> tuple[dict, dict]:
        """(service row, structure row) in the data·inclusion format, for `service_save`."""
        data = self.cleaned_data
        service = {key: data.get(key) for key in (
            "nom", "description", "telephone", "courriel", "courriel_orientation", "lien_mobilisation", "adresse",
            "code_postal", "commune", "code_insee", "horaires_accueil", "frais", "conditions_acces",
        )}
        service.update({key: list(data.get(key) or []) for key in (
            "types_aide", "criteres", "domaines", "modes_accueil", "langues")})
        service["zone_eligibilite"] = [code for code in _LIST_SPLIT.split(data.get("zone_eligibilite") or "") if code]
        structure = {"nom": data["structure_nom"], "siret": data.get("structure_siret"),
                     "site_web": data.get("structure_site_web")}
        return service, structure

    @staticmethod
    def initial_from(service) -> dict:
        initial = {key: getattr(service, key) for key in (
            "nom", "description", "telephone", "courriel", "courriel_orientation", "lien_mobilisation", "adresse",
            "code_postal", "commune", "horaires_accueil", "frais", "conditions_acces", "types_aide", "criteres",
            "domaines", "modes_accueil", "langues",
        )}
        initial.update(
            team=str(service.team_id or ""), zone_eligibilite=", ".join(service.zone_eligibilite or []),
            structure_nom=service.structure.nom, structure_siret=service.structure.siret,
            structure_site_web=service.structure.site_web,
        )
        return initial


class CoordinationFilterForm(forms.Form):
    q = forms.CharField(label=_("Nom"), required=False, max_length=100)
    etat = forms.ChoiceField(label=_("État"), required=False, choices=[
        ("", _("En service")), ("a_verifier", _("À vérifier")), ("retires", _("Retirés")), ("tous", _("Tous")),
    ])
