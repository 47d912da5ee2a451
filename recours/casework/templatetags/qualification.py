"""The qualification picker's groups (theme's components/picker.html) from the qualification form."""

from django import template
from django.utils.translation import gettext as _

register = template.Library()


def _options(field, name: str, prefix: str, entries, checked: set[str], words: dict, sources: dict,
             more: dict | None = None) -> list[dict]:
    more = more or {}
    return [
        {"id": f"{prefix}-{code}", "name": name, "value": code, "label": label, "words": words.get(code, ""),
         "source": sources.get(code, ""), "more": more.get(code, ""), "checked": code in checked}
        for code, label in entries
    ]


def _checked(bound_field) -> set[str]:
    value = bound_field.value() or []
    return {str(item) for item in value}


@register.simple_tag
def qualification_picker(form, case) -> dict:
    """Criteria and related situations, grouped: the person's own grounds first (the criteria they
    reported or that their plain words point to), then the other criteria, then the related
    situations. Each criterion carries its plain words (the report form's) and its legal source."""
    from recours.taxonomy.models import PlainGround

    criteria_field = form["criteria"]
    situations_field = form["related_situations"]
    checked_criteria = _checked(criteria_field)
    checked_situations = _checked(situations_field)
    words: dict[str, list[str]] = {}
    examples: dict[str, list[str]] = {}  # the report form's hints: searched, not shown
    for ground in PlainGround.objects.filter(active=True).prefetch_related("criteria").order_by("position"):
        for criterion in ground.criteria.all():
            words.setdefault(criterion.pk, []).append(ground.label)
            examples.setdefault(criterion.pk, []).append(ground.hint)
    plain = {code: ", ".join(labels) for code, labels in words.items()}
    more = {code: " ".join(hints) for code, hints in examples.items()}
    sources = getattr(form.fields["criteria"], "choice_hints", {})
    reported = set(case.reported_criteria.values_list("pk", flat=True))
    reported |= set(case.plain_grounds.values_list("criteria__pk", flat=True)) - {None}
    all_criteria = list(form.fields["criteria"].choices)
    suggested = [entry for entry in all_criteria if entry[0] in reported]
    others = [entry for entry in all_criteria if entry[0] not in reported]
    options = lambda entries: _options(criteria_field, "criteria", "qualif-critere", entries, checked_criteria, plain, sources, more)  # noqa: E731
    groups = []
    if suggested:
        groups.append({"title": _("Ce que la personne a signalé"), "open": True, "options": options(suggested)})
    groups.append({
        "title": _("Autres critères") if suggested else _("Critères"),
        "open": not suggested or any(code in checked_criteria for code, _label in others),
        "options": options(others),
    })
    situations = list(form.fields["related_situations"].choices)
    groups.append({
        "title": _("Situations connexes"),
        "open": bool(checked_situations),
        "options": _options(situations_field, "related_situations", "qualif-situation", situations, checked_situations, {}, {}),
    })
    labels = dict(all_criteria) | dict(situations)
    chosen = [labels[code] for code in [*checked_criteria, *checked_situations] if code in labels]
    errors = [*criteria_field.errors, *situations_field.errors]
    return {"groups": groups, "chosen": sorted(chosen, key=str.lower), "errors": errors}
