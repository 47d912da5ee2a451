"""The summary before sending: each step's answers in plain words."""

from django import forms as django_forms
from django.utils.translation import gettext as _

from recours.intake import services, steps


def _display(field: django_forms.Field, value) -> str:
    if value in (None, "", [], ()):
        return ""
    if isinstance(field, django_forms.BooleanField):
        return _("Oui") if value else ""
    if isinstance(field, django_forms.DateField):
        return value.strftime("%d/%m/%Y")
    if hasattr(field, "choices"):
        labels = dict((str(k), str(v)) for k, v in field.choices)
        values = value if isinstance(value, (list, tuple)) else [value]
        return "\n".join(labels.get(str(v), str(v)) for v in values)
    return str(value)


def summary_rows(draft) -> list[dict]:
    """One row per step for the summary_list component, with its "Modifier" button."""
    rows = []
    for step in steps.STEPS:
        if step.name in ("consent",):
            continue
        form = services.draft_step_form(draft, step.name, bound=True)
        form.is_valid()
        cleaned = getattr(form, "cleaned_data", {})
        lines = []
        for name, field in form.fields.items():
            if name in ("place", "contact_wanted", "file"):
                continue
            text = _display(field, cleaned.get(name))
            if text:
                lines.append(f"{field.label} : {text}" if len(form.fields) > 1 else text)
        if step.name == "where" and cleaned.get("place") == "en_ligne":
            lines.insert(0, _("En ligne"))
        if step.name == "contact" and cleaned.get("contact_wanted") != "oui":
            lines = [_("Je reste anonyme")]
        if step.name == "files":
            lines = [a.filename for a in services.draft_attachments(draft)] or [_("Aucun document")]
        if not lines:
            lines = [_("Non renseigné")]
        rows.append(
            {
                "key": step.title,
                "value": "\n".join(lines),
                "action_label": _("Modifier"),
                "action_name": "goto",
                "action_value": step.name,
                "action_hidden": str(step.title).lower(),
            }
        )
    return rows
