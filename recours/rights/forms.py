"""The public search of the rights pages and the coordinators' edit form."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from recours.core.text import validate_text
from recours.rights.models import RightsPage
from recours.taxonomy.selectors import domains_active, plain_grounds_active
from recours.taxonomy.translations import plain as taxonomy_plain
from recours.taxonomy.translations import text as taxonomy_text


class RightsSearchForm(forms.Form):
    """The public search (GET: the page is general information, nothing about the person)."""

    q = forms.CharField(label=_("Rechercher une situation"), required=False, max_length=100,
                        help_text=_("Par exemple : logement, embauche, handicap, enceinte."),
                        validators=[validate_text])
    motif = forms.ChoiceField(label=_("Pourquoi"), required=False)
    domaine = forms.ChoiceField(label=_("Où, dans quel domaine"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["motif"].choices = [("", _("Tous les motifs"))] + [(g.code, taxonomy_text(g)) for g in plain_grounds_active()]
        self.fields["domaine"].choices = [("", _("Tous les domaines"))] + [(d.code, taxonomy_plain(d)) for d in domains_active()]


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


class RightsPageForm(forms.Form):
    """A page's content as a coordinator edits it (ground and domain are the page's address: fixed)."""

    title = forms.CharField(label=_("Titre, dans les mots de la personne"), max_length=200, validators=[validate_text])
    summary = forms.CharField(label=_("En bref"), widget=forms.Textarea(attrs={"rows": 3}), validators=[validate_text])
    law = forms.CharField(label=_("Ce que dit la loi"), widget=forms.Textarea(attrs={"rows": 6}), validators=[validate_text],
                          help_text=_("Citez les articles. Un paragraphe par ligne vide ; une ligne commençant par « - » fait une liste."))
    is_discrimination = forms.CharField(label=_("Est-ce une discrimination ?"), widget=forms.Textarea(attrs={"rows": 3}),
                                        validators=[validate_text])
    not_discrimination = forms.CharField(label=_("Ce qui n'en est pas une"), required=False,
                                         widget=forms.Textarea(attrs={"rows": 3}), validators=[validate_text])
    what_to_do = forms.CharField(label=_("Que faire maintenant"), widget=forms.Textarea(attrs={"rows": 6}), validators=[validate_text])
    deadlines = forms.CharField(label=_("Délais"), widget=forms.Textarea(attrs={"rows": 4}), validators=[validate_text])
    evidence = forms.CharField(label=_("Preuves"), widget=forms.Textarea(attrs={"rows": 5}), validators=[validate_text])
    sources = forms.CharField(
        label=_("Sources légales"), widget=forms.Textarea(attrs={"rows": 5}), validators=[validate_text],
        error_messages={"required": _("Citez au moins une source légale.")},
        help_text=_("Une source par ligne : « Code pénal, article 225-1 », suivie si vous voulez de « | » et de son adresse sur Légifrance."),
    )
    answer_keys = forms.CharField(
        label=_("Réponses types liées"), required=False, max_length=500, validators=[validate_text],
        help_text=_("Les identifiants des réponses types des conseillers qui disent la même chose, séparés par des virgules."),
    )
    reviewed_on = forms.DateField(label=_("Date de la dernière relecture juridique"), help_text=_("Format : 2026-11-30."))
    published = forms.BooleanField(label=_("Publiée"), required=False)
    note = forms.CharField(label=_("Ce qui a changé"), required=False, max_length=300, validators=[validate_text],
                           help_text=_("Gardé dans l'historique des versions."))

    @staticmethod
    def initial_from(page: RightsPage) -> dict:
        initial = {name: getattr(page, name) for name in (
            "title", "summary", "law", "is_discrimination", "not_discrimination", "what_to_do", "deadlines",
            "evidence", "reviewed_on", "published")}
        initial["sources"] = "\n".join(
            f"{s['label']} | {s['url']}" if s.get("url") else s["label"] for s in page.sources)
        initial["answer_keys"] = ", ".join(page.answer_keys)
        return initial

    def clean_sources(self) -> list[dict]:
        sources = []
        for line in _lines(self.cleaned_data["sources"]):
            label, _sep, url = (part.strip() for part in line.partition("|"))
            if url:
                try:
                    URLValidator(schemes=["https"])(url)
                except ValidationError:
                    raise ValidationError(_("« %(url)s » n'est pas une adresse https valide."), params={"url": url}) from None
            sources.append({"label": label, "url": url})
        if not sources:
            raise ValidationError(_("Citez au moins une source légale."))
        return sources

    def clean_answer_keys(self) -> list[str]:
        keys = [slugify(key) for key in self.cleaned_data["answer_keys"].split(",") if key.strip()]
        return list(dict.fromkeys(keys))

    def values(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "note"}
