"""Display of directory values in French: kinds of help, languages, opening hours."""

import re

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from recours.directory.models import KindOfHelp, Language
from recours.directory.schema import MODES_ACCUEIL

register = template.Library()

_DAYS = {"Mo": gettext_lazy("lundi"), "Tu": gettext_lazy("mardi"), "We": gettext_lazy("mercredi"),
         "Th": gettext_lazy("jeudi"), "Fr": gettext_lazy("vendredi"), "Sa": gettext_lazy("samedi"),
         "Su": gettext_lazy("dimanche")}


def _labels(codes, choices) -> str:
    labels = dict(choices)
    return ", ".join(str(labels.get(code, code)) for code in codes or [])


@register.filter
def kinds_of_help(codes) -> str:
    return _labels(codes, KindOfHelp.choices)


@register.filter
def languages(codes) -> str:
    return _labels(codes, Language.choices)


@register.filter
def modes_accueil(codes) -> str:
    return _labels(codes, MODES_ACCUEIL).lower()


@register.filter
def phone_display(number: str) -> str:
    """"0261910001" -> "02 61 91 00 01"; short numbers (3919, 116006) stay as they are."""
    digits = re.sub(r"\D", "", number or "")
    if len(digits) == 10 and digits.startswith("0"):
        return " ".join(digits[i:i + 2] for i in range(0, 10, 2))
    if len(digits) == 6:
        return f"{digits[:3]} {digits[3:]}"
    if len(digits) == 4:
        return f"{digits[:2]} {digits[2:]}"
    return number


@register.filter
def opening_hours_display(value: str) -> str:
    """The OpenStreetMap syntax in plain French, for the usual forms; as written otherwise."""
    value = (value or "").strip()
    if value == "24/7":
        return _("24 heures sur 24, 7 jours sur 7")
    parts = []
    for rule in [r.strip() for r in value.split(";") if r.strip()]:
        if rule == "PH off":
            parts.append(_("fermé les jours fériés"))
            continue
        match = re.fullmatch(r"([A-Za-z,\-]+)\s+([\d:,\-]+)", rule)
        if not match:
            return value
        days = match.group(1)
        for code, name in _DAYS.items():
            days = days.replace(code, str(name))
        days = days.replace("-", _(" au ")).replace(",", ", ")
        hours = match.group(2).replace("-", "–").replace(",", _(" et ")).replace(":", " h ").replace(" h 00", " h")
        parts.append(f"{days} : {hours}")
    return " ; ".join(parts)


@register.simple_tag
def case_orientations(case):
    """The orientations of a case, for the panels that show them (case file, follow-up page)."""
    from recours.directory.selectors import orientations_for_case

    return orientations_for_case(case)
