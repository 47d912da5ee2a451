"""The order of the report's steps and how each is titled."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from recours.intake import forms


@dataclass(frozen=True)
class Step:
    name: str
    title: Promise
    form_class: type[forms.StepForm]


STEPS: tuple[Step, ...] = (
    Step("role", _("Qui êtes-vous ?"), forms.RoleForm),
    Step("what", _("Ce qui s'est passé"), forms.WhatForm),
    Step("where", _("Où"), forms.WhereForm),
    Step("when", _("Quand"), forms.WhenForm),
    Step("grounds", _("Pourquoi, selon vous"), forms.GroundsForm),
    Step("domain", _("Dans quel domaine"), forms.DomainForm),
    Step("steps", _("Démarches déjà faites"), forms.StepsTakenForm),
    Step("contact", _("Vous recontacter"), forms.ContactForm),
    Step("files", _("Documents"), forms.FilesForm),
    Step("consent", _("Votre accord"), forms.ConsentForm),
)
SUMMARY = "summary"
BY_NAME = {step.name: step for step in STEPS}
NAMES = [step.name for step in STEPS]

# The API sends legal criteria instead of plain grounds, and files separately.
API_FORMS = (
    forms.RoleForm,
    forms.ApiWhatForm,
    forms.WhereForm,
    forms.WhenForm,
    forms.CriteriaForm,
    forms.DomainForm,
    forms.StepsTakenForm,
    forms.ContactForm,
    forms.ConsentForm,
)


def step_index(name: str) -> int:
    return NAMES.index(name)


def step_after(name: str) -> str:
    index = step_index(name)
    return NAMES[index + 1] if index + 1 < len(NAMES) else SUMMARY


def step_before(name: str) -> str | None:
    if name == SUMMARY:
        return NAMES[-1]
    index = step_index(name)
    return NAMES[index - 1] if index > 0 else None
