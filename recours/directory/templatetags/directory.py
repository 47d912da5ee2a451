"""Display of directory values in French: kinds of help, languages, opening hours."""

import re

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from recours.core.phone import phone_display as core_phone_display
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
def distance_display(km) -> str:
    """"moins de 1 km", "à 2,3 km" (one decimal under 10 km), "à 23 km"; never "0,0 km"."""
    if km is None:
        return ""
    km = float(km)
    if km < 1:
        return _("moins de 1 km")
    if km < 10:
        return _("à %(km)s km") % {"km": f"{km:.1f}".replace(".", ",")}
    return _("à %(km)s km") % {"km": f"{round(km):d}"}


@register.filter
def phone_display(number: str) -> str:
    """"0261910001" -> "02 61 91 00 01" (core.phone: the same rule in the mails)."""
    return core_phone_display(number)


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
