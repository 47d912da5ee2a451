"""Forms of the phone call sheet: a new call (a new case), a call on a case, a callback."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recours.casework.calls import CALL_STEPS, CallbackPlan
from recours.casework.forms import _CaseActionForm
from recours.casework.models import CallDirection, CallScenario, Period
from recours.geo.forms import CommuneChoiceField

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
        self.colleagues = list(colleagues)
        self.fields["callback_assignee"].choices = [("", _("L'équipe (personne en particulier)")), *[
            (str(user.pk), user.get_full_name() or user.get_username()) for user in self.colleagues
        ]]

    def require_date(self):
        """When planning is the whole point (a call planned from the case, not after a call)."""
        self.fields["callback_at"].required = True
        self.fields["callback_at"].label = _("Appeler le")
        self.fields["callback_at"].error_messages["required"] = _("Indiquez quand appeler la personne.")
        self.fields["callback_reason"].label = _("Objet de l'appel")
        self.fields["callback_assignee"].label = _("Appel à faire par")
        return self

    def plan(self) -> CallbackPlan | None:
        """The next call asked for (after is_valid), or None when no date is given."""
        data = self.cleaned_data
        if not data.get("callback_at"):
            return None
        chosen = data.get("callback_assignee")
        assignee = next((user for user in self.colleagues if str(user.pk) == chosen), None) if chosen else None
        return CallbackPlan(due_at=data["callback_at"], reason=data.get("callback_reason", ""), assigned_to=assignee)


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
    commune = CommuneChoiceField(
        label=_("Commune du lieu"), required=False,
        help_text=_("Ce code postal couvre plusieurs communes : demandez laquelle à la personne."),
    )
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
        self._commune_choices()

    def clean_started(self):
        started = started_read(self.cleaned_data["started"])
        if started is None:
            raise forms.ValidationError(_("La fiche est restée ouverte trop longtemps : notez la durée de l'appel."))
        return started

    def _commune_choices(self):
        """The communes of the code typed, to ask the person which one, and « Je ne sais pas »."""
        from recours.geo.selectors import COMMUNE_UNKNOWN, COMMUNE_UNKNOWN_LABEL, place_resolve

        code = (self.data.get(self.add_prefix("postal_code")) or "") if self.is_bound else ""
        self.commune_candidates = place_resolve(postal_code=code).candidates if code.strip() else ()
        self.fields["commune"].choices = [
            ("", _("Choisissez")), *((c.insee_code, c.name) for c in self.commune_candidates),
            (COMMUNE_UNKNOWN, COMMUNE_UNKNOWN_LABEL),
        ]

    @property
    def needs_commune_choice(self) -> bool:
        return len(self.commune_candidates) > 1 or (self.is_bound and "commune" in self.errors)

    def clean(self):
        """The place by the one policy of every channel (geo.selectors.place_resolve): the
        adviser asks which commune when the code has several (or answers « Je ne sais pas »)."""
        from recours.geo.selectors import place_resolve

        data = super().clean()
        code, chosen = (data.get("postal_code") or "").strip(), data.get("commune") or ""
        data["place"] = None
        if code:  # the communes offered are the code's: none without one
            place = place_resolve(postal_code=code, commune=chosen, ask=True)
            if place.error:
                self.add_error(place.error_field, place.error)
            else:
                data["place"] = place
        return data

    def is_valid(self):
        return all([super().is_valid(), self.callback.is_valid()])

    def commune_id(self) -> str | None:
        place = self.cleaned_data.get("place")
        return place.commune_id if place else None

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

