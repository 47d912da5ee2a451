"""Business hours: weekly slots in Paris time, French public holidays computed."""

import datetime as dt

from recours.chat.hours import PARIS, Slot, easter_sunday, french_public_holidays, is_open, next_opening

WEEKDAYS_9_TO_18 = [Slot(d, dt.time(9), dt.time(18)) for d in range(1, 6)]


def test_easter_is_computed_for_known_years():
    assert easter_sunday(2024) == dt.date(2024, 3, 31)
    assert easter_sunday(2025) == dt.date(2025, 4, 20)
    assert easter_sunday(2026) == dt.date(2026, 4, 5)


def test_public_holidays_include_the_moving_ones():
    days = french_public_holidays(2026)
    assert dt.date(2026, 4, 6) in days  # Easter Monday
    assert dt.date(2026, 5, 14) in days  # Ascension
    assert dt.date(2026, 5, 25) in days  # Whit Monday
    assert dt.date(2026, 7, 14) in days and dt.date(2026, 12, 25) in days
    assert len(days) == 11


def test_the_chat_is_open_within_a_slot_in_paris_time():
    tuesday_10h_paris = dt.datetime(2026, 11, 24, 10, 0, tzinfo=PARIS)
    assert is_open(WEEKDAYS_9_TO_18, tuesday_10h_paris)
    # 8:30 UTC is 9:30 in Paris in winter: open.
    assert is_open(WEEKDAYS_9_TO_18, dt.datetime(2026, 11, 24, 8, 30, tzinfo=dt.timezone.utc))


def test_the_chat_is_closed_at_night_at_weekends_and_on_holidays():
    assert not is_open(WEEKDAYS_9_TO_18, dt.datetime(2026, 11, 24, 18, 0, tzinfo=PARIS))
    assert not is_open(WEEKDAYS_9_TO_18, dt.datetime(2026, 11, 28, 10, 0, tzinfo=PARIS))  # Saturday
    assert not is_open(WEEKDAYS_9_TO_18, dt.datetime(2026, 5, 14, 10, 0, tzinfo=PARIS))  # Ascension, a Thursday


def test_next_opening_skips_the_weekend_and_holidays():
    christmas_eve_evening = dt.datetime(2026, 12, 24, 19, 0, tzinfo=PARIS)  # Thursday 24: next is Monday 28 (25 is Christmas)
    assert next_opening(WEEKDAYS_9_TO_18, christmas_eve_evening) == dt.datetime(2026, 12, 28, 9, 0, tzinfo=PARIS)
