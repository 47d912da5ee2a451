"""The form of the referral file (saisine): the person, the respondent, the facts, the consent."""

from django import forms
from django.utils.translation import gettext_lazy as _

from recours.casework.forms import _CaseActionForm
from recours.casework.models import RespondentKind

_LONG = 20_000


def _text(label, rows=4, help_text="", max_length=_LONG):
    return forms.CharField(label=label, required=False, max_length=max_length, help_text=help_text,
                           widget=forms.Textarea(attrs={"rows": rows}))


class ReferralForm(_CaseActionForm):
    """Every field is optional while it is a draft; what a ready file needs is checked by the
    service when the adviser marks it ready."""

    id_prefix = "saisine"
    person_last_name = forms.CharField(label=_("Nom de famille"), required=False, max_length=100)
    person_first_name = forms.CharField(label=_("Prénom"), required=False, max_length=100)
    person_address = forms.CharField(label=_("Adresse postale"), required=False, max_length=300)
    person_postal_code = forms.CharField(label=_("Code postal"), required=False, max_length=5,
                                         widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    person_city = forms.CharField(label=_("Commune"), required=False, max_length=100)
    person_phone = forms.CharField(label=_("Téléphone"), required=False, max_length=30)
    person_email = forms.EmailField(label=_("Courriel"), required=False)
    respondent_name = forms.CharField(
        label=_("Mis en cause"), required=False, max_length=300,
        help_text=_("Le nom de l'entreprise, de l'administration ou de la personne."),
    )
    respondent_kind = forms.ChoiceField(label=_("Type de mis en cause"), required=False,
                                        choices=[("", _("Non précisé")), *RespondentKind.choices])
    respondent_address = forms.CharField(label=_("Adresse du mis en cause"), required=False, max_length=300)
    facts = _text(_("Exposé des faits"), rows=10, help_text=_("Ce qui s'est passé, dans l'ordre, avec les mots de la personne."))
    dates = _text(_("Dates"), rows=3, help_text=_("Une date par ligne, avec ce qui s'est passé ce jour-là."))
    steps = _text(_("Démarches déjà faites"), rows=3)
    evidence = _text(_("Pièces et preuves"), rows=4, help_text=_("Une pièce par ligne : courriers, courriels, "
                                                                  "témoignages, captures d'écran..."))
    requests = _text(_("Ce que la personne demande"), rows=3)
    consent = forms.BooleanField(
        label=_("La personne a donné son accord pour saisir le Défenseur des droits et pour que ces informations "
                "lui soient transmises"), required=False,
    )
    consent_how = forms.CharField(label=_("Comment l'accord a été recueilli"), required=False, max_length=200,
                                  help_text=_("Par exemple : au téléphone le 26/11, par écrit sur la page de suivi."))

    def content(self) -> dict:
        data = self.cleaned_data
        return {
            "person": {key.removeprefix("person_"): data.get(key, "") for key in self.fields if key.startswith("person_")},
            "respondent": {key.removeprefix("respondent_"): data.get(key, "") for key in self.fields
                           if key.startswith("respondent_")},
            **{key: data.get(key, "") for key in ("facts", "dates", "steps", "evidence", "requests")},
        }

    @classmethod
    def initial_from(cls, content: dict, referral) -> dict:
        initial = {f"person_{k}": v for k, v in (content.get("person") or {}).items()}
        initial.update({f"respondent_{k}": v for k, v in (content.get("respondent") or {}).items()})
        initial.update({k: content.get(k, "") for k in ("facts", "dates", "steps", "evidence", "requests")})
        if referral is not None:
            initial.update(consent=referral.consent_at is not None, consent_how=referral.consent_how)
        return initial
