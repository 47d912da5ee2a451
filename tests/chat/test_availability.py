"""The one availability answer (`selectors.chat_status`): presence, the chain of teams, the
hours in the person's time zone, and a next opening that is never the current minute."""

import datetime as dt

from django.utils import timezone

from recours.chat.display import hours_lines, next_text
from recours.chat.hours import PARIS
from recours.chat.models import OpeningHours, Presence
from recours.chat.selectors import ChatState, chat_status

WINTER_TUESDAY_10H = dt.datetime(2026, 11, 24, 10, 0, tzinfo=PARIS)
SUMMER_TUESDAY_10H = dt.datetime(2026, 6, 23, 10, 0, tzinfo=PARIS)


def test_a_city_without_its_team_online_goes_up_to_its_departement(teams, loire_atlantique_adviser, always_open):
    status = chat_status(commune_id="44109")
    assert status.state == ChatState.AVAILABLE
    assert status.team == teams["loire_atlantique"] and status.local_team == teams["nantes"] and status.escalated


def test_the_national_team_answers_when_no_local_team_is_online(teams, national_adviser, always_open):
    status = chat_status(commune_id="44109")
    assert status.available and status.team == teams["national"]


def test_an_adviser_elsewhere_does_not_make_a_place_available(teams, paris_adviser, always_open):
    assert chat_status(commune_id="44109").state == ChatState.NOBODY


def test_presence_expires_a_few_minutes_after_the_last_heartbeat(teams, adviser, always_open, settings):
    settings.RECOURS_CHAT_PRESENCE_SECONDS = 180
    Presence.objects.update(last_seen_at=timezone.now() - dt.timedelta(seconds=170))
    assert chat_status(commune_id="44109").available
    Presence.objects.update(last_seen_at=timezone.now() - dt.timedelta(seconds=190))
    assert chat_status(commune_id="44109").state == ChatState.NOBODY


def test_a_team_outside_its_hours_does_not_answer_even_if_present(teams, adviser, settings):
    settings.RECOURS_CHAT_CLOSED_ON_HOLIDAYS = False
    OpeningHours.objects.create(team=teams["nantes"], weekday=2, opens_at=dt.time(14), closes_at=dt.time(17))
    settings.RECOURS_CHAT_HOURS = "1-5 09:00-18:00"  # the other teams: open, nobody present
    status = chat_status(commune_id="44109", now=WINTER_TUESDAY_10H)
    assert status.state == ChatState.NOBODY and status.next_opening is None


def test_when_closed_the_next_opening_is_the_next_slot_never_now(teams, settings):
    settings.RECOURS_CHAT_CLOSED_ON_HOLIDAYS = False
    settings.RECOURS_CHAT_HOURS = "1-5 09:00-18:00"
    evening = dt.datetime(2026, 11, 24, 19, 30, tzinfo=PARIS)
    status = chat_status(commune_id="44109", now=evening)
    assert status.state == ChatState.CLOSED
    assert status.next_opening == dt.datetime(2026, 11, 25, 9, 0, tzinfo=PARIS)
    assert next_text(status) == "Prochaine ouverture : mercredi 25 novembre à 09 h 00."


def test_overseas_hours_are_shown_in_the_local_time_of_the_place(teams, settings):
    settings.RECOURS_CHAT_CLOSED_ON_HOLIDAYS = False
    settings.RECOURS_CHAT_HOURS = "1-5 09:00-18:00"
    martinique = chat_status(commune_id="97209", now=WINTER_TUESDAY_10H)  # Fort-de-France, UTC-4
    assert martinique.zone.key == "America/Martinique"
    assert hours_lines(martinique)[0] == "lundi : 04 h 00 à 13 h 00"
    assert hours_lines(chat_status(commune_id="97209", now=SUMMER_TUESDAY_10H))[0] == "lundi : 03 h 00 à 12 h 00"
    closed = chat_status(commune_id="97209", now=dt.datetime(2026, 11, 24, 19, 30, tzinfo=PARIS))
    assert next_text(closed) == "Prochaine ouverture : mercredi 25 novembre à 04 h 00 (heure locale)."


def test_hours_that_cross_midnight_in_the_local_time_are_cut_at_midnight(teams, settings):
    settings.RECOURS_CHAT_HOURS = "1 08:00-22:00"
    reunion = chat_status(commune_id="97411", now=WINTER_TUESDAY_10H)  # Saint-Denis, UTC+4
    assert hours_lines(reunion) == ["lundi : 11 h 00 à 24 h 00", "mardi : 00 h 00 à 01 h 00"]


def test_metropolitan_hours_stay_on_paris_time(teams, settings):
    settings.RECOURS_CHAT_HOURS = "1-5 09:00-18:00"
    status = chat_status(commune_id="44109", now=WINTER_TUESDAY_10H)
    assert status.zone.key == "Europe/Paris" and hours_lines(status)[0] == "lundi : 09 h 00 à 18 h 00"
