"""The demo offers the chat, open in the daytime every day, so that it can be tried."""

import datetime as dt

from recours.accounts.services import team_national_get
from recours.chat.hours import PARIS
from recours.chat.models import OpeningHours
from recours.chat.selectors import ChatState, chat_status
from recours.core.instance import instance_get
from recours.demo.services import demo_load

WEDNESDAY = dt.date(2026, 11, 25)


def test_the_demo_offers_the_chat_every_day_from_8_to_22(db):
    demo_load()
    assert instance_get().chat_enabled
    national = team_national_get()
    hours = OpeningHours.objects.filter(team=national)
    assert sorted(hours.values_list("weekday", flat=True)) == [1, 2, 3, 4, 5, 6, 7]
    assert {(h.opens_at, h.closes_at) for h in hours} == {(dt.time(8), dt.time(22))}
    assert OpeningHours.objects.filter(team__slug__in=["ville-de-nantes", "loire-atlantique"]).count() == 14
    for day in (WEDNESDAY, WEDNESDAY + dt.timedelta(days=4)):  # a weekday and a Sunday
        assert chat_status(commune_id="44109", now=dt.datetime.combine(day, dt.time(10), tzinfo=PARIS)).state != ChatState.CLOSED
        assert chat_status(commune_id="44109", now=dt.datetime.combine(day, dt.time(23), tzinfo=PARIS)).state == ChatState.CLOSED


def test_reloading_the_demo_keeps_the_operators_later_choice(db):
    demo_load()
    instance = instance_get()
    instance.chat_enabled = False
    instance.save()
    demo_load()
    assert not instance_get().chat_enabled
