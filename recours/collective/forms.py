from django import forms
from django.utils.translation import gettext_lazy as _

from recours.collective.models import ActionKind, ActionStatus, Nature, RespondentKind
from recours.core.text import ValidTextFormMixin


class RespondentSearchForm(ValidTextFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Rechercher un mis en cause"), max_length=200, required=False,
        help_text=_("Nom de l'organisme ou de la personne, tel que la personne l'a écrit : la recherche tolère les fautes."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class RespondentCreateForm(ValidTextFormMixin, forms.Form):
    nature = forms.ChoiceField(label=_("Nature"), choices=Nature.choices, initial=Nature.ORGANISATION)
    kind = forms.ChoiceField(label=_("Type"), choices=RespondentKind.choices)
    name = forms.CharField(label=_("Nom"), max_length=200)
    commune = forms.CharField(
        label=_("Commune (code INSEE)"), max_length=5, required=False,
        help_text=_("Facultatif. Par exemple 44109 pour Nantes."),
    )
    siret = forms.CharField(
        label=_("SIREN ou SIRET"), max_length=20, required=False,
        help_text=_("Facultatif, pour une organisation : 9 ou 14 chiffres."),
    )

    def clean_commune(self):
        from recours.geo.models import Commune

        code = self.cleaned_data["commune"].strip()
        if not code:
            return None
        commune = Commune.objects.filter(pk=code).first()
        if commune is None:
            raise forms.ValidationError(_("Aucune commune n'a ce code INSEE."))
        return commune


class RespondentLinkForm(forms.Form):
    respondent = forms.IntegerField(widget=forms.HiddenInput)


class CollectiveFileForm(ValidTextFormMixin, forms.Form):
    team = forms.ModelChoiceField(label=_("Équipe"), queryset=None, empty_label=None)
    title = forms.CharField(label=_("Intitulé"), max_length=200)
    practice = forms.CharField(
        label=_("Pratique en cause"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sans nommer les personnes des dossiers liés."),
    )
    references = forms.CharField(
        label=_("Dossiers à regrouper (références)"), required=False,
        help_text=_("Références séparées par des espaces ou des virgules."),
    )
    respondent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams

    def clean_references(self):
        import re

        return [ref for ref in re.split(r"[\s,;]+", self.cleaned_data["references"].upper()) if ref]


class AddCaseForm(forms.Form):
    reference = forms.CharField(label=_("Référence du dossier à ajouter"), max_length=12)


class ActionForm(ValidTextFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Type d'action"), choices=ActionKind.choices)
    title = forms.CharField(label=_("Intitulé"), max_length=200)
    on_date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    owner = forms.ModelChoiceField(label=_("Responsable"), queryset=None, required=False)
    status = forms.ChoiceField(label=_("État"), choices=ActionStatus.choices)
    body = forms.CharField(label=_("Contenu"), required=False, widget=forms.Textarea(attrs={"rows": 8}))
    outcome = forms.CharField(label=_("Résultat"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    document = forms.FileField(label=_("Document (PDF ou image)"), required=False)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = members


class CampaignForm(ValidTextFormMixin, forms.Form):
    team = forms.ModelChoiceField(label=_("Équipe"), queryset=None, empty_label=None)
    file = forms.ModelChoiceField(label=_("Dossier collectif"), queryset=None, required=False)
    title = forms.CharField(label=_("Intitulé"), max_length=200)
    target = forms.CharField(label=_("Cible"), max_length=300, help_text=_("Par exemple : les agences immobilières de Nantes."))
    criterion = forms.ModelChoiceField(label=_("Critère testé"), queryset=None)
    profile_a = forms.CharField(label=_("Profil de référence"), max_length=200)
    profile_b = forms.CharField(
        label=_("Profil testé"), max_length=200, help_text=_("Identique au profil de référence sauf pour le critère testé.")
    )
    protocol = forms.CharField(label=_("Protocole"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, teams, files, **kwargs):
        from recours.taxonomy.models import Criterion

        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.fields["file"].queryset = files
        self.fields["criterion"].queryset = Criterion.objects.order_by("label")


OUTCOME_CHOICES = (("1", _("favorable")), ("0", _("défavorable ou sans réponse")))


class CampaignTestForm(ValidTextFormMixin, forms.Form):
    tested_on = forms.DateField(label=_("Date du test"), widget=forms.DateInput(attrs={"type": "date"}))
    respondent = forms.ModelChoiceField(label=_("Mis en cause testé"), queryset=None, required=False)
    a_favourable = forms.TypedChoiceField(
        label=_("Réponse au profil de référence"), choices=OUTCOME_CHOICES, coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    b_favourable = forms.TypedChoiceField(
        label=_("Réponse au profil testé"), choices=OUTCOME_CHOICES, coerce=lambda v: v == "1", widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Remarque"), max_length=500, required=False)

    def __init__(self, *args, respondents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["respondent"].queryset = respondents
