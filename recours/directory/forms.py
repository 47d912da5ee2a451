"""The search of the directory, as asked by a person, an adviser or the API: one set of rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from recours.directory.models import KindOfHelp, Language
from recours.directory.schema import MODES_ACCUEIL
from recours.directory.selectors import (
    PlaceError,
    SearchResults,
    directory_search,
    place_from_commune,
    place_from_coordinates,
    place_from_postal_code,
)
from recours.taxonomy.selectors import criteria_active, domains_active, plain_grounds_active
from recours.taxonomy.translations import plain as taxonomy_plain
from recours.taxonomy.translations import text as taxonomy_text


def _criteria_choices():
    return [(c.code, taxonomy_text(c)) for c in criteria_active()]


def _domain_choices():
    return [("", _("Tous les domaines"))] + [(d.code, taxonomy_plain(d)) for d in domains_active()]


class DirectorySearchForm(forms.Form):
    postal_code = forms.CharField(
        label=_("Code postal"), required=False, max_length=5,
        help_text=_("Le code postal du lieu où vous habitez ou de celui où les faits ont eu lieu."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )
    commune = forms.CharField(label=_("Code INSEE de la commune"), required=False, max_length=5)
    latitude = forms.FloatField(required=False, widget=forms.HiddenInput)
    longitude = forms.FloatField(required=False, widget=forms.HiddenInput)
    criteria = forms.MultipleChoiceField(
        label=_("Motifs"), required=False, choices=_criteria_choices, widget=forms.CheckboxSelectMultiple,
        help_text=_("Facultatif : ce qui, selon vous, a motivé le traitement subi."),
    )
    domain = forms.ChoiceField(label=_("Domaine"), required=False, choices=_domain_choices)
    mode_accueil = forms.ChoiceField(
        label=_("Accueil"), required=False, choices=[("", _("Peu importe"))] + MODES_ACCUEIL,
    )
    language = forms.ChoiceField(
        label=_("Langue parlée"), required=False, choices=[("", _("Peu importe"))] + list(Language.choices),
    )
    kind_of_help = forms.ChoiceField(
        label=_("Type d'aide"), required=False, choices=[("", _("Peu importe"))] + list(KindOfHelp.choices),
    )
    open_now = forms.BooleanField(label=_("Ouvert maintenant"), required=False)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            if data.get("commune"):
                data["place"] = place_from_commune(data["commune"])
            elif data.get("postal_code"):
                data["place"] = place_from_postal_code(data["postal_code"])
            elif data.get("latitude") is not None and data.get("longitude") is not None:
                data["place"] = place_from_coordinates(data["latitude"], data["longitude"])
            else:
                self.add_error("postal_code", _("Indiquez un code postal."))
        except PlaceError as error:
            self.add_error(error.field if error.field in self.fields else "postal_code", error.message)
        return data

    def search(self, *, limit: int = 20) -> SearchResults:
        data = self.cleaned_data
        return directory_search(
            place=data["place"], criteria=data.get("criteria") or [], domain=data.get("domain") or "",
            mode_accueil=data.get("mode_accueil") or "", language=data.get("language") or "",
            kind_of_help=data.get("kind_of_help") or "", open_now=bool(data.get("open_now")), limit=limit,
        )


class PublicSearchForm(DirectorySearchForm):
    """The public page's search (/aide/): the grounds in the plain words of the report form
    (taxonomy.PlainGround), each standing for the legal criteria it maps to; the place by
    postal code only (the page has no commune field)."""

    grounds = forms.MultipleChoiceField(
        label=_("Pourquoi, selon vous, cela s'est-il passé ?"), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Facultatif, plusieurs réponses possibles : pour trouver les services qui connaissent ces situations."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["criteria"], self.fields["commune"]
        grounds = plain_grounds_active()
        field = self.fields["grounds"]
        field.choices = [(g.code, taxonomy_text(g)) for g in grounds]
        field.choice_hints = {g.code: taxonomy_text(g, "hint") for g in grounds if g.hint}
        field.error_messages["invalid_choice"] = _("« %(value)s » n'est pas dans la liste.")
        self.criteria_by_ground = {g.code: [c.code for c in g.criteria.all()] for g in grounds}
        self.ground_labels = {}
        for g in grounds:
            words = g.label[:1].lower() + g.label[1:]  # inside a sentence: "traite : l'âge"
            for code in self.criteria_by_ground[g.code]:
                self.ground_labels.setdefault(code, words)

    def clean(self):
        data = super().clean()
        criteria: list[str] = []
        for ground in data.get("grounds") or []:
            criteria += [c for c in self.criteria_by_ground.get(ground, []) if c not in criteria]
        data["criteria"] = criteria
        return data

    def search(self, *, limit: int = 20) -> SearchResults:
        data = self.cleaned_data
        return directory_search(
            place=data["place"], criteria=data.get("criteria") or [], domain=data.get("domain") or "",
            mode_accueil=data.get("mode_accueil") or "", language=data.get("language") or "",
            kind_of_help=data.get("kind_of_help") or "", open_now=bool(data.get("open_now")), limit=limit,
            ground_labels=self.ground_labels,
        )
