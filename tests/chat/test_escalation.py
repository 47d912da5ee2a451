"""A visitor's chat goes up the territory (commune team → département → région → national)
to a team with an adviser present, and says truthfully why when nobody can answer."""

import pytest
from asgiref.sync import async_to_sync
from django.utils import timezone

from recours.chat.models import Conversation
from recours.core.instance import instance_get
from tests.accounts.helpers import log_in_verified
from tests.chat.ws import connected, session_headers, until

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _reference_data(live_reference_data):
    """The database is emptied after each test here: reload taxonomies and two départements."""


def _start(postal_code, until_kind):
    async def run():
        socket = await connected()
        await socket.send_json_to({"t": "start", "postal_code": postal_code})
        frame, _ = await until(socket, until_kind)
        await socket.disconnect()
        return frame

    return async_to_sync(run)()


def test_44000_with_only_a_loire_atlantique_adviser_online_reaches_that_adviser(teams, loire_atlantique_adviser, always_open, client):
    log_in_verified(client, loire_atlantique_adviser)

    async def run():
        console = await connected("/ws/console/tchat/", session_headers(client))
        await console.send_json_to({"t": "beat"})  # what every console page sends when its socket opens
        nobody, _ = await until(console, "waiting")
        visitor = await connected()
        await visitor.send_json_to({"t": "start", "postal_code": "44000"})
        started, _ = await until(visitor, "started")
        waiting, _ = await until(console, "waiting")
        await visitor.disconnect()
        await console.disconnect()
        return nobody, started, waiting

    nobody, started, waiting = async_to_sync(run)()
    assert nobody["count"] == 0
    assert Conversation.objects.get().team == teams["loire_atlantique"]  # not the offline city team
    assert waiting["count"] == 1  # announced to the Loire-Atlantique adviser
    # Which service answers, in general words only.
    assert started["note"] == (
        "L'équipe la plus proche de chez vous n'est pas en ligne : "
        "une conseillère ou un conseiller d'une équipe départementale vous répondra."
    )


def test_a_visitor_of_the_city_with_its_team_online_is_not_told_of_another_service(teams, adviser, always_open):
    started = _start("44000", "started")
    assert "note" not in started
    assert Conversation.objects.get().team == teams["nantes"]


def test_with_nobody_online_anywhere_44000_is_unavailable(teams, always_open):
    frame = _start("44000", "offline")
    assert frame["state"] == "nobody"
    assert not Conversation.objects.exists()


def test_a_paris_adviser_online_does_not_make_nantes_available(teams, paris_adviser, always_open):
    assert _start("44000", "offline")["state"] == "nobody"


def test_inside_hours_with_nobody_online_the_visitor_is_told_so_and_given_the_other_ways_in(teams, always_open):
    instance = instance_get()
    instance.phone, instance.phone_hours = "01 23 45 67 89", "du lundi au vendredi, de 9 h à 18 h"
    instance.save()
    frame = _start("44000", "offline")
    assert frame["message"] == "Le tchat est ouvert, mais aucune conseillère ni aucun conseiller n'est en ligne en ce moment."
    assert "next" not in frame  # never "next opening: now"
    assert frame["form_url"] == "/formulaire/"
    assert frame["phone"] == "01 23 45 67 89" and frame["phone_hours"] == "du lundi au vendredi, de 9 h à 18 h"
    assert frame["hours"][0].startswith("lundi : 00 h 00 à 23 h 59")


def test_outside_hours_the_next_opening_is_in_the_future(teams, adviser, settings):
    from recours.chat import hours

    settings.RECOURS_CHAT_HOURS = "1-7 03:00-03:01"
    frame = _start("44000", "offline")
    if hours.is_open(hours.default_slots(), timezone.now()):
        pytest.skip("the test ran within the one open minute")
    assert frame["state"] == "closed"
    assert frame["message"] in ("Le tchat est fermé à cette heure-ci.", "Le tchat est fermé aujourd'hui (jour férié).")
    assert frame["next"].startswith("Prochaine ouverture : ") and frame["next"].endswith(" à 03 h 00.")
