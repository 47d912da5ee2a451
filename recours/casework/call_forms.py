"""Forms of the phone call sheet: a new call (a new case), a call on a case, a callback."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recours.casework.calls import CALL_STEPS
from recours.casework.forms import _CaseActionForm
from recours.casework.models import CallDirection, CallScenario, Period

STARTED_SALT = "recours.casework.call-started"
MAX_OPEN_HOURS = 12


def started_stamp(now: dt.datetime | None = None) -> str:
    """When the sheet was opened, signed: the duration is counted from it, and nobody can
    backdate it by editing the page."""
    return signing.dumps((now or timezone.now()).isoformat(), salt=STARTED_SALT)


def started_read(stamp: str) -> dt.datetime | None:
    try:
        value = signing.loads(stamp or "", salt=STARTED_SALT, max_age=MAX_OPEN_HOURS * 3600)
    except signing.BadSignature:
        return None
    return dt.datetime.fromisoformat(value)


class _StepsMixin:
    """One text area per step of the call guide."""

    def add_step_fields(self):
        for step in CALL_STEPS:
            self.fields[f"step_{step.key}"] = forms.CharField(
                label=step.title, required=False, max_length=10_000, widget=forms.Textarea(attrs={"rows": 3}),
            )

    def steps(self) -> dict:
        return {step.key: self.cleaned_data.get(f"step_{step.key}", "") for step in CALL_STEPS}

    def step_fields(self):
        return [self[f"step_{step.key}"] for step in CALL_STEPS]


class CallbackFields(forms.Form):
    """Optional: schedule a follow-up call (date, time, reason, who)."""

    callback_at = forms.DateTimeField(
        label=_("Rappeler le (facultatif)"), required=False,
        help_text=_("Date et heure, par exemple 26/11/2026 14:30."),
        input_formats=["%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(format="%d/%m/%Y %H:%M", attrs={"inputmode": "numeric"}),
        error_messages={"invalid": _("Indiquez une date et une heure, par exemple 26/11/2026 14:30.")},
    )
    callback_reason = forms.CharField(label=_("Objet du rappel"), required=False, max_length=500)
    callback_assignee = forms.ChoiceField(label=_("Rappel à faire par"), required=False)

    def set_colleagues(self, colleagues):
        self.fields["callback_assignee"].choices = [("", _("L'équipe (personne en particulier)")), *[
            (str(user.pk), user.get_full_name() or user.get_username()) for user in colleagues
        ]]


class CallSheetForm(_StepsMixin, _CaseActionForm):
    """An incoming call that becomes a case."""

    id_prefix = "call"
    scenario = forms.ChoiceField(label=_("Scénario de l'appel"), choices=CallScenario.choices, widget=forms.RadioSelect)
    caller_role = forms.ChoiceField(
        label=_("Pour le scénario 1 bis, qui appelle"), required=False,
        choices=[("", _("—")), *[(code, label) for code, label in (
            ("tiers", _("un proche")), ("professionnel", _("un·e professionnel·le")))]],
    )
    started = forms.CharField(widget=forms.HiddenInput)
    duration_minutes = forms.IntegerField(
        label=_("Durée de l'appel en minutes (facultatif)"), required=False, min_value=1, max_value=600,
        help_text=_("Laissée vide, la durée est comptée depuis l'ouverture de la fiche."),
    )
    postal_code = forms.CharField(label=_("Code postal du lieu"), required=False, max_length=5,
                                  widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    criteria = forms.MultipleChoiceField(label=_("Critères possibles"), required=False,
                                         widget=forms.CheckboxSelectMultiple)
    domain = forms.ChoiceField(label=_("Domaine"), required=False)
    period = forms.ChoiceField(label=_("Quand"), required=False, choices=[("", _("Je ne sais pas")), *Period.choices])
    contact_name = forms.CharField(label=_("Prénom ou pseudonyme (facultatif)"), required=False, max_length=100)
    contact_phone = forms.CharField(label=_("Téléphone pour la rappeler (facultatif)"), required=False, max_length=30)
    contact_email = forms.EmailField(label=_("Courriel (facultatif)"), required=False)
    contact_best_time = forms.CharField(label=_("Quand l'appeler sans risque"), required=False, max_length=200)

    def __init__(self, *args, colleagues=(), **kwargs):
        from recours.taxonomy.selectors import criteria_active, domains_active

        super().__init__(*args, **kwargs)
        self.add_step_fields()
        self.fields["criteria"].choices = [(c.code, c.label) for c in criteria_active()]
        self.fields["domain"].choices = [("", _("Je ne sais pas")), *((d.code, d.label) for d in domains_active())]
        self.callback = CallbackFields(*args, prefix=None, auto_id=f"{self.id_prefix}_%s", **kwargs)
        self.callback.set_colleagues(colleagues)

    def clean_started(self):
        started = started_read(self.cleaned_data["started"])
        if started is None:
            raise forms.ValidationError(_("La fiche est restée ouverte trop longtemps : notez la durée de l'appel."))
        return started

    def clean_postal_code(self):
        from recours.geo.selectors import communes_for_postal_code, postal_code_is_valid

        code = self.cleaned_data["postal_code"].strip()
        if code and not (postal_code_is_valid(code) and communes_for_postal_code(code)):
            raise forms.ValidationError(_("Ce code postal n'existe pas."))
        return code

    def is_valid(self):
        return all([super().is_valid(), self.callback.is_valid()])

    def commune(self) -> str | None:
        from recours.geo.selectors import communes_for_postal_code

        code = self.cleaned_data.get("postal_code")
        communes = communes_for_postal_code(code) if code else []
        return communes[0].insee_code if len(communes) == 1 else None

    def contact(self) -> dict:
        data = self.cleaned_data
        return {"name": data["contact_name"], "phone": data["contact_phone"], "email": data["contact_email"],
                "best_time": data["contact_best_time"]}


class CaseCallForm(_StepsMixin, _CaseActionForm):
    """A call on an existing case: the person calls again, or we call back."""

    id_prefix = "casecall"
    direction = forms.ChoiceField(label=_("Sens de l'appel"), choices=CallDirection.choices, widget=forms.RadioSelect,
                                  initial=CallDirection.INCOMING)
    scenario = forms.ChoiceField(label=_("Scénario"), choices=CallScenario.choices)
    duration_minutes = forms.IntegerField(label=_("Durée en minutes"), required=False, min_value=1, max_value=600)
    callback = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, colleagues=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.add_step_fields()
        self.schedule = CallbackFields(*args, prefix=None, auto_id=f"{self.id_prefix}_%s", **kwargs)
        self.schedule.set_colleagues(colleagues)

    def is_valid(self):
        return all([super().is_valid(), self.schedule.is_valid()])

