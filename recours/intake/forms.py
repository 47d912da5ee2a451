"""The report's steps, one form each.

The same forms check reports from the web form and from the API
(see services.report_clean), so a rule is written once. Field names are the
API's where they can be.
"""

import datetime as dt
import re

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recours.casework.models import PersonInformed, Period, StepTaken, Witnesses
from recours.core.text import ValidTextFormMixin
from recours.geo.forms import CommuneChoiceField
from recours.geo.selectors import (
    COMMUNE_UNKNOWN,
    COMMUNE_UNKNOWN_LABEL,
    communes_for_postal_code,
    place_resolve,
    postal_code_is_valid,
)
from recours.taxonomy.selectors import criteria_active, domains_active, plain_grounds_active, roles_active
from recours.taxonomy.translations import text as taxonomy_text

PHONE_ALLOWED = re.compile(r"^\+?[0-9 .\-()]{6,25}$")


def _taxonomy_choices(
    field: forms.ChoiceField, entries, *, label: str = "label", invalid: str, required: str = "", extra=()
) -> None:
    """Offer taxonomy entries as the field's choices, with their hints under each option
    (read by the choice_group component) and French messages for a missing or unknown code."""
    # In the page's language (taxonomy/translations.py; French when not translated).
    field.choices = [(entry.code, taxonomy_text(entry, label)) for entry in entries] + list(extra)
    field.choice_hints = {entry.code: taxonomy_text(entry, "hint") for entry in entries if getattr(entry, "hint", "")}
    field.error_messages["invalid_choice"] = invalid
    if required:
        field.error_messages["required"] = required


# Roles where the report is about someone else: the questions speak of "la personne".
ABOUT_SOMEONE_ELSE = {"temoin", "tiers", "professionnel"}


class StepForm(ValidTextFormMixin, forms.Form):
    """A step of the report: its fields, its checks, and its part of the report.

    Its text fields refuse text that cannot be stored (core/text.py), from the web form as
    from the API. `role` (the reporter's role code) lets a step word its questions for a witness or a
    relative; by default it is read from the data (the whole report's answers)."""

    def __init__(self, *args, role: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.role = role or str((self.data or {}).get("role") or "")

    @property
    def about_someone_else(self) -> bool:
        return self.role in ABOUT_SOMEONE_ELSE

    def report_part(self) -> dict:
        """What this step adds to casework.services.ReportInput."""
        raise NotImplementedError


class RoleForm(StepForm):
    role = forms.ChoiceField(label=_("Qui êtes-vous dans cette situation ?"), widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _taxonomy_choices(
            self.fields["role"],
            roles_active(),
            label="plain_label",
            required=_("Indiquez qui vous êtes dans cette situation."),
            invalid=_("Choisissez une réponse dans la liste."),
        )

    def report_part(self) -> dict:
        return {"role": self.cleaned_data["role"]}


class WhatForm(StepForm):
    person_informed_required = True
    narrative = forms.CharField(
        label=_("Racontez ce qui s'est passé, avec vos mots"),
        help_text=_(
            "Ce qui a été dit ou fait, par qui, et ce que cela a entraîné. "
            "N'écrivez pas de nom de famille si vous ne le souhaitez pas."
        ),
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": _("Décrivez ce qui s'est passé.")},
    )
    respondent = forms.CharField(
        label=_("Qui est en cause ? (facultatif)"),
        help_text=_("Par exemple : un employeur, une agence immobilière, un commerce, un service public."),
        required=False,
        max_length=300,
    )
    consequences = forms.CharField(
        label=_("Quelles conséquences pour vous ou pour la personne concernée ? (facultatif)"),
        help_text=_("Par exemple : un refus, une perte d'emploi, un arrêt maladie."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    witnesses = forms.ChoiceField(
        label=_("D'autres personnes ont-elles vu ou entendu ce qui s'est passé ? (facultatif)"),
        required=False,
        widget=forms.RadioSelect,
        choices=Witnesses.choices,
    )
    # Asked only when the report is about someone else (witness, relative, professional).
    person_informed = forms.ChoiceField(
        label=_("La personne concernée sait-elle que vous faites ce signalement ?"),
        help_text=_(
            "Vous pouvez signaler ce que vous avez vu même si elle ne le sait pas. "
            "Nous ne ferons aucune démarche en son nom sans son accord."
        ),
        required=False,
        widget=forms.RadioSelect,
        choices=PersonInformed.choices,
        error_messages={"invalid_choice": _("Choisissez une réponse dans la liste.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.about_someone_else:
            self.fields["narrative"].label = _("Racontez ce qui s'est passé pour la personne, avec vos mots")
            self.fields["narrative"].help_text = _(
                "Ce que vous avez vu ou entendu : ce qui a été dit ou fait, par qui, et ce que cela a entraîné "
                "pour elle. N'écrivez pas son nom si elle ne le souhaite pas."
            )
            self.fields["narrative"].error_messages["required"] = _("Décrivez ce qui s'est passé pour la personne.")
            self.fields["consequences"].label = _("Quelles conséquences pour la personne concernée ? (facultatif)")
            self.fields["person_informed"].required = self.person_informed_required
            self.fields["person_informed"].error_messages["required"] = _(
                "Dites si la personne concernée sait que vous faites ce signalement, ou « Je ne sais pas »."
            )
        else:
            del self.fields["person_informed"]
        limit = settings.RECOURS_NARRATIVE_MAX_CHARS
        self.fields["narrative"].max_length = limit
        self.fields["narrative"].widget.attrs["data-maxlength"] = str(limit)
        self.fields["narrative"].validators.append(MaxLengthValidator(limit))
        self.fields["narrative"].error_messages["max_length"] = _(
            "Votre récit est trop long : %(limit_value)d caractères au maximum (il en compte %(show_value)d). "
            "Vous pourrez ajouter la suite dans un message après l'envoi."
        )

    def clean_narrative(self):
        text = self.cleaned_data["narrative"].strip()
        if len(text) < 10:
            raise forms.ValidationError(_("Décrivez ce qui s'est passé en quelques mots au moins."))
        return text

    def report_part(self) -> dict:
        data = self.cleaned_data
        details = {k: data[k] for k in ("respondent", "consequences", "witnesses", "person_informed") if data.get(k)}
        return {"narrative": data["narrative"], "details": details}


class ApiWhatForm(WhatForm):
    """The API's: existing clients do not send `person_informed`; kept when they do."""

    person_informed_required = False


class WhereForm(StepForm):
    PLACE = "lieu"
    ONLINE = "en_ligne"

    place = forms.ChoiceField(
        label=_("Où cela s'est-il passé ?"),
        widget=forms.RadioSelect,
        choices=[(PLACE, _("Dans un lieu, en France")), (ONLINE, _("En ligne (internet, réseaux sociaux, messagerie)"))],
        error_messages={"required": _("Indiquez où cela s'est passé.")},
    )
    postal_code = forms.CharField(
        label=_("Code postal"),
        help_text=_("Le code postal du lieu, par exemple 44000. En ligne : le vôtre, si vous le souhaitez."),
        required=False,
        max_length=5,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "pattern": "[0-9]{5}"}),
    )
    commune = CommuneChoiceField(label=_("Commune"), required=False, widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        code = (self.data.get(self.add_prefix("postal_code")) or self.initial.get("postal_code") or "").strip()
        self.communes = communes_for_postal_code(code) if postal_code_is_valid(code) else []
        self.fields["commune"].choices = [(c.insee_code, c.name) for c in self.communes]
        if len(self.communes) > 1:
            self.fields["commune"].choices.append((COMMUNE_UNKNOWN, COMMUNE_UNKNOWN_LABEL))

    @property
    def needs_commune_choice(self) -> bool:
        """Shown when the code has several communes, or when the commune given is refused."""
        return len(self.communes) > 1 or (self.is_bound and "commune" in self.errors)

    def clean(self):
        """The place by the one policy of every channel (geo.selectors.place_resolve); the
        form asks which commune when the code has several, and takes « Je ne sais pas »."""
        data = super().clean()
        place = data.get("place")
        code = (data.get("postal_code") or "").replace(" ", "")
        data["postal_code"] = code
        if place == self.PLACE and not code:
            self.add_error("postal_code", _("Indiquez le code postal du lieu."))
            return data
        if not code:  # the communes offered are a code's: none without one
            data["commune"] = ""
            return data
        chosen = data.get("commune") or ""
        resolved = place_resolve(postal_code=code, commune=chosen, ask=True)
        if resolved.error:
            self.add_error(resolved.error_field, resolved.error)
        else:
            data["commune"] = resolved.commune_id or COMMUNE_UNKNOWN
        return data

    def report_part(self) -> dict:
        data = self.cleaned_data
        commune = data["commune"]
        return {
            "online": data["place"] == self.ONLINE,
            "postal_code": data["postal_code"],
            "commune": None if commune in ("", COMMUNE_UNKNOWN) else commune,
        }


class WhenForm(StepForm):
    occurred_on = forms.DateField(
        label=_("Si vous connaissez la date"),
        help_text=_("Par exemple : 15/03/2026."),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"invalid": _("Indiquez une date réelle, par exemple 15/03/2026.")},
    )
    period = forms.ChoiceField(
        label=_("Sinon, environ quand ?"),
        required=False,
        widget=forms.RadioSelect,
        choices=Period.choices,
        error_messages={"invalid_choice": _("Période inconnue : « %(value)s ».")},
    )

    def clean(self):
        data = super().clean()
        day, period = data.get("occurred_on"), data.get("period")
        if self.errors:
            return data
        if day:
            if day > timezone.localdate():
                self.add_error("occurred_on", _("La date ne peut pas être dans le futur."))
            elif day < dt.date(1950, 1, 1):
                self.add_error("occurred_on", _("Indiquez une date après 1950."))
            data["period"] = ""  # a date is more precise than a period
        elif not period:
            self.add_error("occurred_on", _("Indiquez la date, ou choisissez une période si vous ne la connaissez pas."))
        return data

    def report_part(self) -> dict:
        return {"occurred_on": self.cleaned_data.get("occurred_on"), "period": self.cleaned_data.get("period") or ""}


class GroundsForm(StepForm):
    UNKNOWN = "ne_sait_pas"

    grounds = forms.MultipleChoiceField(
        label=_("Selon vous, pourquoi cela s'est-il passé ?"),
        help_text=_("Plusieurs réponses possibles. Dites ce que vous pensez : un·e juriste vérifiera."),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choisissez au moins une raison, ou « Je ne sais pas ».")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.about_someone_else:
            self.fields["grounds"].label = _("Selon vous, pourquoi cela est-il arrivé à la personne ?")
            self.fields["grounds"].help_text = _(
                "Plusieurs réponses possibles. Dites ce que vous pensez : un·e juriste vérifiera."
            )
        grounds = list(plain_grounds_active())
        _taxonomy_choices(
            self.fields["grounds"],
            grounds,
            invalid=_("« %(value)s » n'est pas dans la liste."),
            extra=[(self.UNKNOWN, _("Je ne sais pas"))],
        )
        self.criteria_by_ground = {g.code: [c.code for c in g.criteria.all()] for g in grounds}

    def clean_grounds(self):
        grounds = self.cleaned_data["grounds"]
        if self.UNKNOWN in grounds and len(grounds) > 1:
            raise forms.ValidationError(_("Cochez « Je ne sais pas » seul, ou décochez-le."))
        return grounds

    def report_part(self) -> dict:
        grounds = tuple(g for g in self.cleaned_data["grounds"] if g != self.UNKNOWN)
        criteria = []
        for code in grounds:
            criteria += [c for c in self.criteria_by_ground[code] if c not in criteria]
        return {"plain_grounds": grounds, "criteria": tuple(criteria), "grounds_unknown": not grounds}


class CriteriaForm(StepForm):
    """The API's grounds: legal criteria codes directly (an empty list means unknown)."""

    criteria = forms.MultipleChoiceField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _taxonomy_choices(self.fields["criteria"], criteria_active(), invalid=_("Critère inconnu : « %(value)s »."))

    def report_part(self) -> dict:
        criteria = tuple(self.cleaned_data["criteria"])
        return {"criteria": criteria, "grounds_unknown": not criteria}


class DomainForm(StepForm):
    domain = forms.ChoiceField(label=_("Dans quel domaine cela s'est-il passé ?"), widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _taxonomy_choices(
            self.fields["domain"],
            domains_active(),
            label="plain_label",
            required=_("Choisissez un domaine, ou « Autre chose »."),
            invalid=_("Domaine inconnu : « %(value)s »."),
        )

    def report_part(self) -> dict:
        return {"domain": self.cleaned_data["domain"]}


class StepsTakenForm(StepForm):
    steps_taken = forms.MultipleChoiceField(
        label=_("Avez-vous déjà fait des démarches ?"),
        help_text=_("Plusieurs réponses possibles."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=StepTaken.choices,
        error_messages={"invalid_choice": _("Démarche inconnue : « %(value)s ».")},
    )
    steps_detail = forms.CharField(
        label=_("Précisez si vous le souhaitez (facultatif)"),
        help_text=_("Par exemple : la date de la plainte, la réponse reçue."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.about_someone_else:
            self.fields["steps_taken"].label = _("La personne, ou vous-même, avez-vous déjà fait des démarches ?")

    def clean(self):
        data = super().clean()
        steps = data.get("steps_taken") or []
        if StepTaken.NOTHING in steps and len(steps) > 1:
            self.add_error("steps_taken", _("« Rien pour l'instant » ne peut pas être coché avec une démarche."))
        return data

    def report_part(self) -> dict:
        details = {"steps_detail": self.cleaned_data["steps_detail"]} if self.cleaned_data.get("steps_detail") else {}
        return {"steps_taken": tuple(self.cleaned_data["steps_taken"]), "details": details}


class ContactForm(StepForm):
    NO = "non"
    YES = "oui"

    contact_wanted = forms.ChoiceField(
        label=_("Souhaitez-vous être recontacté·e ?"),
        help_text=_(
            "Ce n'est pas obligatoire : avec votre code de suivi, vous pourrez lire nos réponses sans laisser de contact."
        ),
        widget=forms.RadioSelect,
        choices=[(NO, _("Non, je reste anonyme")), (YES, _("Oui, je laisse un moyen de me joindre"))],
        error_messages={"required": _("Indiquez si vous souhaitez être recontacté·e.")},
    )
    name = forms.CharField(
        label=_("Comment souhaitez-vous qu'on vous appelle ? (facultatif)"),
        help_text=_("Un prénom ou un pseudonyme suffit."),
        required=False,
        max_length=100,
    )
    email = forms.EmailField(
        label=_("Adresse électronique (facultatif)"),
        required=False,
        max_length=254,
        error_messages={"invalid": _("Indiquez une adresse électronique valide, par exemple nom@exemple.fr.")},
    )
    phone = forms.CharField(
        label=_("Téléphone (facultatif)"),
        help_text=_("Par exemple : 06 12 34 56 78."),
        required=False,
        max_length=25,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    best_time = forms.CharField(
        label=_("Quand peut-on vous appeler sans risque ? (facultatif)"),
        help_text=_("Par exemple : en semaine après 18 h. Dites-le aussi s'il ne faut pas laisser de message."),
        required=False,
        max_length=200,
    )
    notify_by_email = forms.BooleanField(
        label=_("Prévenez-moi par courriel quand une réponse m'attend (le courriel ne contiendra pas la réponse)"),
        required=False,
    )

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and (not PHONE_ALLOWED.match(phone) or len(re.sub(r"\D", "", phone)) < 6):
            raise forms.ValidationError(_("Indiquez un numéro de téléphone valide, par exemple 06 12 34 56 78."))
        return phone

    def clean(self):
        data = super().clean()
        if data.get("contact_wanted") == self.YES and not (data.get("email") or data.get("phone")):
            if "email" not in self.errors and "phone" not in self.errors:
                self.add_error("email", _("Indiquez une adresse électronique ou un numéro de téléphone."))
        if data.get("notify_by_email") and not data.get("email") and "email" not in self.errors:
            self.add_error("email", _("Pour être prévenu·e par courriel, indiquez votre adresse."))
        return data

    def report_part(self) -> dict:
        data = self.cleaned_data
        if data.get("contact_wanted") != self.YES:
            return {"contact": {}, "notify_by_email": False}
        contact = {k: data[k] for k in ("name", "email", "phone", "best_time") if data.get(k)}
        return {"contact": contact, "notify_by_email": bool(data.get("notify_by_email"))}


class FilesForm(StepForm):
    file = forms.FileField(
        label=_("Ajouter un document (facultatif)"),
        help_text=_("PDF ou image (JPEG, PNG, WebP), 10 Mo au maximum par fichier, 5 fichiers au plus."),
        required=False,
    )

    def report_part(self) -> dict:
        return {}


class ConsentForm(StepForm):
    consent = forms.BooleanField(
        label=_("J'accepte que ces informations soient utilisées pour traiter mon signalement."),
        error_messages={"required": _("Pour envoyer votre signalement, cochez la case d'accord.")},
    )

    def report_part(self) -> dict:
        return {}
