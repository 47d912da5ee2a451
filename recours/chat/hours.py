"""Business hours of the chat: a team's weekly slots (Europe/Paris), closed on French public holidays.

Holidays are computed: the fixed dates, and Easter Monday, Ascension and Whit Monday from
Easter Sunday (anonymous Gregorian algorithm). Alsace-Moselle's two extra days and
overseas days are not counted: a team there adds them as it closes (RECOURS_CHAT_EXTRA_CLOSED_DAYS).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.conf import settings

PARIS = ZoneInfo("Europe/Paris")


def easter_sunday(year: int) -> dt.date:
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 (the algorithm's name)
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


@lru_cache(maxsize=64)
def french_public_holidays(year: int) -> frozenset[dt.date]:
    easter = easter_sunday(year)
    fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]
    moving = [easter + dt.timedelta(days=1), easter + dt.timedelta(days=39), easter + dt.timedelta(days=50)]
    return frozenset([dt.date(year, m, d) for m, d in fixed] + moving)


@dataclass(frozen=True)
class Slot:
    weekday: int  # ISO: 1 = Monday
    opens_at: dt.time
    closes_at: dt.time


def default_slots() -> list[Slot]:
    """RECOURS_CHAT_HOURS: "1-5 09:00-18:00;6 10:00-12:00" (ISO weekdays, Paris time)."""
    slots = []
    for part in settings.RECOURS_CHAT_HOURS.split(";"):
        part = part.strip()
        if not part:
            continue
        days, times = part.split()
        first, _sep, last = days.partition("-")
        opens, closes = (dt.time.fromisoformat(t) for t in times.split("-"))
        for weekday in range(int(first), int(last or first) + 1):
            slots.append(Slot(weekday, opens, closes))
    return slots


def team_slots(team) -> list[Slot]:
    rows = list(team.chat_hours.all())
    if not rows:
        return default_slots()
    return [Slot(row.weekday, row.opens_at, row.closes_at) for row in rows]


def is_closed_day(day: dt.date) -> bool:
    extra = {dt.date.fromisoformat(d) for d in settings.RECOURS_CHAT_EXTRA_CLOSED_DAYS}
    return (settings.RECOURS_CHAT_CLOSED_ON_HOLIDAYS and day in french_public_holidays(day.year)) or day in extra


def is_open(slots: list[Slot], at: dt.datetime) -> bool:
    local = at.astimezone(PARIS)
    if is_closed_day(local.date()):
        return False
    now = local.time()
    return any(s.weekday == local.isoweekday() and s.opens_at <= now < s.closes_at for s in slots)


def next_opening(slots: list[Slot], at: dt.datetime) -> dt.datetime | None:
    """When the chat opens next (None if it never does)."""
    local = at.astimezone(PARIS)
    for offset in range(0, 15):
        day = local.date() + dt.timedelta(days=offset)
        if is_closed_day(day):
            continue
        for slot in sorted((s for s in slots if s.weekday == day.isoweekday()), key=lambda s: s.opens_at):
            start = dt.datetime.combine(day, slot.opens_at, tzinfo=PARIS)
            end = dt.datetime.combine(day, slot.closes_at, tzinfo=PARIS)
            if end > local:
                return max(start, local)
    return None


def weekly_hours(slots: list[Slot], zone: ZoneInfo, at: dt.datetime) -> dict[int, list[tuple[int, int]]]:
    """The slots as a person in `zone` reads them this week: {ISO weekday: [(start, end) in minutes]}.

    Slots are kept in Paris time; each is placed on its next day in the coming week, moved to
    `zone` (summer time as on that day), cut at local midnight, and overlapping ones merged
    (the chat of a place is open while any team of its chain is).
    """
    today = at.astimezone(PARIS).date()
    by_day: dict[int, list[tuple[int, int]]] = {}
    for slot in slots:
        day = today + dt.timedelta(days=(slot.weekday - today.isoweekday()) % 7)
        start = dt.datetime.combine(day, slot.opens_at, tzinfo=PARIS).astimezone(zone)
        end = dt.datetime.combine(day, slot.closes_at, tzinfo=PARIS).astimezone(zone)
        while start < end:
            midnight = dt.datetime.combine(start.date() + dt.timedelta(days=1), dt.time(), tzinfo=zone)
            piece_end = min(end, midnight)
            minutes = lambda moment: moment.hour * 60 + moment.minute  # noqa: E731
            by_day.setdefault(start.isoweekday(), []).append(
                (minutes(start), 1440 if piece_end == midnight else minutes(piece_end))
            )
            start = piece_end
    merged: dict[int, list[tuple[int, int]]] = {}
    for weekday, pieces in sorted(by_day.items()):
        for start_min, end_min in sorted(pieces):
            day = merged.setdefault(weekday, [])
            if day and start_min <= day[-1][1]:
                day[-1] = (day[-1][0], max(day[-1][1], end_min))
            else:
                day.append((start_min, end_min))
    return merged
