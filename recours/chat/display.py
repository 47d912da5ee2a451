"""The chat's availability in words, for the public entries and the visitor's socket.

`selectors.chat_status` decides; this module only says it in French, in the person's time
zone, the same way everywhere (home page, header, follow-up page, form, offline message).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from recours.chat.hours import PARIS, is_closed_day
from recours.chat.selectors import ChatState, ChatStatus


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d} h {minutes % 60:02d}"


def hours_lines(status: ChatStatus) -> list[str]:
    """"lundi : 09 h 00 à 18 h 00", one line per open day, in the person's time zone."""
    from recours.chat.models import Weekday

    return [
        f"{Weekday(day).label} : "
        + ", ".join(_("%(start)s à %(end)s") % {"start": _clock(start), "end": _clock(end)} for start, end in pieces)
        for day, pieces in sorted(status.weekly.items())
    ]


def zone_note(status: ChatStatus) -> str:
    """Said next to the hours when the person is not on Paris time."""
    return "" if status.zone.key == PARIS.key else _("heure locale")


def when_text(moment: dt.datetime) -> str:
    """"lundi 30 novembre à 09 h 00" (the moment in its own time zone)."""
    return formats.date_format(moment, "l j F") + " " + _("à %(time)s") % {"time": _clock(moment.hour * 60 + moment.minute)}


def next_text(status: ChatStatus) -> str:
    if status.next_opening is None:
        return ""
    text = _("Prochaine ouverture : %(when)s") % {"when": when_text(status.next_opening)}
    note = zone_note(status)
    return f"{text} ({note})." if note else f"{text}."


def state_text(status: ChatStatus) -> str:
    """Why the chat can or cannot answer now, truthfully."""
    if status.state == ChatState.AVAILABLE:
        return _("Une conseillère ou un conseiller peut vous répondre maintenant.")
    if status.state == ChatState.ELSEWHERE:
        return _(
            "Des conseillères et des conseillers sont en ligne. Indiquez votre code postal sur la page du tchat "
            "pour savoir si l'un d'eux peut vous répondre maintenant."
        )
    if status.state == ChatState.NOBODY:
        return _("Le tchat est ouvert, mais aucune conseillère ni aucun conseiller n'est en ligne en ce moment.")
    if is_closed_day(status.at.astimezone(PARIS).date()):
        return _("Le tchat est fermé aujourd'hui (jour férié).")
    return _("Le tchat est fermé à cette heure-ci.")


def short_text(status: ChatStatus) -> str:
    """A few words for the header's navigation."""
    return {
        ChatState.AVAILABLE: _("disponible maintenant"),
        ChatState.ELSEWHERE: _("en ligne selon votre lieu"),
        ChatState.NOBODY: _("personne en ligne"),
        ChatState.CLOSED: _("fermé"),
    }[status.state]


def escalation_text(status: ChatStatus) -> str:
    """Which service answers, in general words, when it is not the place's own team."""
    from recours.accounts.models import TeamKind

    if not status.escalated:
        return ""
    level = {
        TeamKind.DEPARTEMENT: _("d'une équipe départementale"),
        TeamKind.REGION: _("d'une équipe régionale"),
        TeamKind.NATIONAL: _("de l'équipe nationale"),
    }.get(status.team.kind, _("d'une autre équipe"))
    return _(
        "L'équipe la plus proche de chez vous n'est pas en ligne : une conseillère ou un conseiller %(level)s vous répondra."
    ) % {"level": level}


@dataclass(frozen=True)
class ChatOffer:
    """An entry to the chat as a page shows it (chat/_entry.html, the header's link)."""

    url: str
    state: str
    text: str
    short: str
    next: str
    hours: list[str]
    zone_note: str

    @property
    def available(self) -> bool:
        return self.state == ChatState.AVAILABLE


def offer_for(status: ChatStatus) -> ChatOffer:
    return ChatOffer(
        url=reverse("chat_public:visitor"), state=status.state, text=state_text(status), short=short_text(status),
        next=next_text(status), hours=hours_lines(status), zone_note=zone_note(status),
    )


def offline_payload(status: ChatStatus, *, instance) -> dict:
    """The `offline` frame: why, the hours, when next, and the other ways in (written report, phone)."""
    payload = {
        "t": "offline",
        "state": status.state,
        "message": state_text(status),
        "hours": hours_lines(status),
        "zone": zone_note(status),
        "form_url": reverse("intake:report"),
    }
    if status.next_opening is not None:
        payload["next"] = next_text(status)
    if instance.phone:
        payload["phone"] = instance.phone
        payload["phone_hours"] = instance.phone_hours
    return payload
