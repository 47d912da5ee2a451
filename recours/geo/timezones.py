"""The time zone a place lives in, from its département: Europe/Paris except overseas.

Used to show hours (the chat's, stored in Paris time) in the person's own time.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")

# INSEE codes of the overseas départements and collectivities (IANA names, Python's zoneinfo).
_OVERSEAS = {
    "971": "America/Guadeloupe",
    "972": "America/Martinique",
    "973": "America/Cayenne",
    "974": "Indian/Reunion",
    "975": "America/Miquelon",
    "976": "Indian/Mayotte",
    "977": "America/St_Barthelemy",
    "978": "America/Marigot",
    "984": "Indian/Kerguelen",
    "986": "Pacific/Wallis",
    "987": "Pacific/Tahiti",
    "988": "Pacific/Noumea",
}


def timezone_for_departement(code: str | None) -> ZoneInfo:
    """The zone of a département (INSEE code, "972"); Paris for metropolitan France and the unknown."""
    name = _OVERSEAS.get((code or "")[:3])
    return ZoneInfo(name) if name else PARIS

