"""Placeholders of the legal answer library: the one list, checked at save, filled at insertion.

A template's body is plain text in which `{name}` is replaced when an adviser inserts it
in a reply. The names are French because coordinators write the templates:

- `{prenom_conseiller}` — the first name of the adviser who inserts the template
- `{nom_conseiller}` — their full name
- `{reference}` — the case's reference
- `{equipe}` — the name of the case's team
- `{nom_instance}` — the name of the service (instance settings)
- `{telephone_instance}` — the service's phone number (instance settings)
- `{horaires_telephone}` — the phone line's hours (instance settings)
- `{date_du_jour}` — today's date, as 23/11/2026

Any other name between braces is refused with a clear error; to write a brace itself,
double it (`{{` or `}}`).
"""

from __future__ import annotations

import string

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

PLACEHOLDERS = {
    "prenom_conseiller": gettext_lazy("prénom du ou de la conseiller·ère"),
    "nom_conseiller": gettext_lazy("prénom et nom du ou de la conseiller·ère"),
    "reference": gettext_lazy("référence du dossier"),
    "equipe": gettext_lazy("nom de l'équipe du dossier"),
    "nom_instance": gettext_lazy("nom du service"),
    "telephone_instance": gettext_lazy("téléphone du service"),
    "horaires_telephone": gettext_lazy("horaires du téléphone"),
    "date_du_jour": gettext_lazy("date du jour"),
}


def placeholders_check(body: str) -> None:
    """Refuse a body with an unknown placeholder or a lone brace."""
    try:
        fields = [name for _text, name, spec, conversion in string.Formatter().parse(body) if name is not None]
    except ValueError:
        raise ValidationError(
            {"body": _("Une accolade est seule : écrivez {{ ou }} pour afficher une accolade, ou utilisez un champ de la liste.")}
        ) from None
    unknown = sorted({name for name in fields if name not in PLACEHOLDERS})
    if unknown:
        raise ValidationError(
            {
                "body": _("Champ inconnu : %(unknown)s. Champs possibles : %(known)s.")
                % {
                    "unknown": ", ".join("{%s}" % name for name in unknown),
                    "known": ", ".join("{%s}" % name for name in PLACEHOLDERS),
                }
            }
        )
    for _text, name, spec, conversion in string.Formatter().parse(body):
        if name is not None and (spec or conversion):
            raise ValidationError({"body": _("Écrivez les champs sans format : {%(name)s}.") % {"name": name}})


def placeholder_values(*, user, reference: str = "", team_name: str = "") -> dict[str, str]:
    """The placeholders' values for the adviser `user`, a case's reference and its team's name
    (empty where there is none yet: a chat becomes a case only at its end)."""
    from recours.core.instance import instance_get

    instance = instance_get()
    return {
        "prenom_conseiller": (user.first_name if user else "") or (user.get_username() if user else ""),
        "nom_conseiller": (user.get_full_name() or user.get_username()) if user else "",
        "reference": reference,
        "equipe": team_name,
        "nom_instance": instance.name,
        "telephone_instance": instance.phone,
        "horaires_telephone": instance.phone_hours,
        "date_du_jour": timezone.localdate().strftime("%d/%m/%Y"),
    }


def body_render(body: str, values: dict[str, str]) -> str:
    return body.format_map(values)
