"""Teams' chat hours are set in the admin and used at once."""

import datetime as dt

from recours.chat.hours import PARIS, team_slots
from recours.chat.models import OpeningHours
from recours.chat.selectors import chat_status


def test_a_team_with_its_own_hours_uses_them(teams, adviser):
    OpeningHours.objects.create(team=teams["nantes"], weekday=2, opens_at=dt.time(14), closes_at=dt.time(17))
    assert [(s.weekday, s.opens_at) for s in team_slots(teams["nantes"])] == [(2, dt.time(14))]
    tuesday_15h = dt.datetime(2026, 11, 24, 15, 0, tzinfo=PARIS)
    tuesday_10h = dt.datetime(2026, 11, 24, 10, 0, tzinfo=PARIS)
    assert chat_status(commune_id="44109", now=tuesday_15h).available
    assert not chat_status(commune_id="44109", now=tuesday_10h).available


def test_the_admin_lists_the_hours(admin_client, teams):
    OpeningHours.objects.create(team=teams["nantes"], weekday=1, opens_at=dt.time(9), closes_at=dt.time(12))
    response = admin_client.get("/gestion/admin/chat/openinghours/")
    assert response.status_code == 200 and "Ville de Nantes" in response.content.decode()
