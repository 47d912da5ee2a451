"""One postal code → commune rule, the same in every channel (issue 16, item 11).

The same places go through the web form, the API, the chat (its socket) and the phone call
sheet (the console), each through its real surface; every channel records the same commune
and département and routes to the same team, or refuses with the same French message.
Transactional, like every chat test: the socket's consumer works on its own connections.
"""

from dataclasses import dataclass

import pytest
from asgiref.sync import async_to_sync
from django.test import Client
from django.utils import timezone

from recours.accounts.models import TeamKind
from recours.accounts.services import team_create, team_national_get
from recours.asgi import application
from recours.casework.call_forms import started_stamp
from recours.casework.models import Case
from recours.chat import hours
from recours.chat.services import presence_beat
from recours.geo.selectors import COMMUNE_UNKNOWN
from tests.accounts.helpers import log_in_verified
from tests.chat.ws import WebsocketCommunicator
from tests.intake.walk import VALID_ANSWERS, page, post_step

pytestmark = pytest.mark.django_db(transaction=True)

DONT_KNOW = object()  # each channel's own « Je ne sais pas »
NARRATIVE = "Le bailleur a refusé de me louer l'appartement quand il a entendu mon nom."


@dataclass(frozen=True)
class Recorded:
    commune: str | None
    departement: str | None
    team: str


@dataclass(frozen=True)
class Refused:
    message: str


PLACES = {
    "a code of one commune": ({"postal_code": "44000"}, Recorded("44109", "44", "nantes")),
    "a code of several communes, one chosen": (
        {"postal_code": "44470", "commune": "44026"}, Recorded("44026", "44", "carquefou"),
    ),
    # Carquefou comes first of 44470's communes and has its own team: no channel may pick it.
    "a code of several communes, which one not known": (
        {"postal_code": "44470", "commune": DONT_KNOW}, Recorded(None, "44", "loire_atlantique"),
    ),
    "a commune outside the code": (
        {"postal_code": "44470", "commune": "75056"},
        Refused("Cette commune ne correspond pas au code postal 44470. "
                "Communes de ce code postal : Carquefou, Mauves-sur-Loire, Thouaré-sur-Loire."),
    ),
    "an unknown code": ({"postal_code": "00000"}, Refused("Ce code postal n'existe pas. Vérifiez-le, par exemple 44000.")),
}


@pytest.fixture(autouse=True)
def _reference_data(live_reference_data):
    """The database is emptied after each test here: taxonomies and two départements again."""


@pytest.fixture
def teams(make_staff, settings, monkeypatch):
    """Nantes and Carquefou (city teams), Loire-Atlantique; an adviser present in each, chat open."""
    settings.RECOURS_CHAT_HOURS = "1-7 00:00-23:59:59"
    monkeypatch.setattr(hours, "is_closed_day", lambda day: False)
    made = {
        "national": team_national_get(),
        "loire_atlantique": team_create(name="Loire-Atlantique", kind=TeamKind.DEPARTEMENT, departement_id="44"),
        "nantes": team_create(name="Ville de Nantes", kind=TeamKind.COMMUNES, commune_ids=["44109"]),
        "carquefou": team_create(name="Ville de Carquefou", kind=TeamKind.COMMUNES, commune_ids=["44026"]),
    }
    for key in ("loire_atlantique", "nantes", "carquefou"):
        user, _device = make_staff(f"adviser-{key}", made[key])
        presence_beat(user)
    return made


def _new_case(before: set) -> Case:
    (case,) = Case.objects.exclude(pk__in=before).select_related("team")
    return case


def through_the_form(place: dict, _teams):
    commune = place.get("commune")
    where = {"place": "lieu", "postal_code": place["postal_code"]}
    if commune is not None:
        where["commune"] = COMMUNE_UNKNOWN if commune is DONT_KNOW else commune
    client, before = Client(), set(Case.objects.values_list("pk", flat=True))
    for step, answers in VALID_ANSWERS.items():
        # post_step follows the redirect: a refused step is shown again, with its errors.
        shown = page(post_step(client, step, where if step == "where" else answers))
        if f'name="step" value="{step}"' in shown:
            return shown
    response = client.post("/formulaire/", {"step": "summary", "action": "submit"}, follow=True)
    assert "Votre code de suivi" in page(response)
    return _new_case(before)


def through_the_api(place: dict, _teams):
    body = {"role": "victime", "narrative": NARRATIVE, "postal_code": place["postal_code"], "period": "mois",
            "criteria": ["patronyme"], "domain": "logement", "consent": True}
    if place.get("commune") not in (None, DONT_KNOW):  # the API's « Je ne sais pas »: no commune
        body["commune"] = place["commune"]
    before = set(Case.objects.values_list("pk", flat=True))
    response = Client().post("/api/v1/reports", body, content_type="application/json")
    if response.status_code == 422:
        return " ".join(response.json()["errors"].values())
    assert response.status_code == 201
    return _new_case(before)


def on_the_phone(place: dict, teams):
    from django.contrib.auth import get_user_model

    console = Client()
    log_in_verified(console, get_user_model().objects.get(username="adviser-nantes"))
    sheet = {"started": started_stamp(timezone.now()), "scenario": "victim", "step_problem": NARRATIVE,
             "postal_code": place["postal_code"], "domain": "logement", "period": "mois"}
    if place.get("commune") is not None:
        sheet["commune"] = COMMUNE_UNKNOWN if place["commune"] is DONT_KNOW else place["commune"]
    before = set(Case.objects.values_list("pk", flat=True))
    response = console.post("/console/dossiers/appel/", sheet)
    if response.status_code == 400:
        return page(response)
    assert "Appel enregistré" in page(response)
    return _new_case(before)


def in_the_chat(place: dict, _teams):
    start = {"t": "start", "postal_code": place["postal_code"]}
    if place.get("commune") is not None:
        start["commune"] = "" if place["commune"] is DONT_KNOW else place["commune"]
    before = set(Case.objects.values_list("pk", flat=True))

    async def run():
        socket = WebsocketCommunicator(application, "/ws/tchat/", headers=[
            (b"origin", b"http://testserver"), (b"host", b"testserver")])
        assert (await socket.connect())[0]
        await socket.send_json_to(start)
        while (frame := await socket.receive_json_from(timeout=5))["t"] not in ("started", "place", "offline"):
            pass
        if frame["t"] == "started":
            await socket.send_json_to({"t": "msg", "cid": "v1", "body": NARRATIVE})
            while (await socket.receive_json_from(timeout=5))["t"] != "ack":
                pass
            await socket.send_json_to({"t": "end"})
            while (await socket.receive_json_from(timeout=5))["t"] != "receipt":
                pass
        await socket.disconnect()
        return frame

    frame = async_to_sync(run)()
    assert frame["t"] != "offline", frame
    return frame["message"] if frame["t"] == "place" else _new_case(before)


CHANNELS = {"form": through_the_form, "api": through_the_api, "chat": in_the_chat, "phone": on_the_phone}


@pytest.mark.parametrize("name", list(PLACES))
def test_the_same_place_gives_the_same_commune_departement_and_team_in_every_channel(teams, name):
    place, expected = PLACES[name]
    for channel, run in CHANNELS.items():
        outcome = run(place, teams)
        if isinstance(expected, Refused):
            assert isinstance(outcome, str), (channel, outcome)
            assert expected.message in outcome, (channel, outcome[:3000])
            continue
        assert isinstance(outcome, Case), (channel, outcome[:3000])
        assert outcome.postal_code == place["postal_code"], channel
        recorded = Recorded(outcome.commune_id, outcome.departement_id, outcome.team.name)
        assert recorded == Recorded(expected.commune, expected.departement, teams[expected.team].name), channel
    if isinstance(expected, Refused):
        assert not Case.objects.exists()


def test_every_channel_that_asks_offers_the_same_communes_for_a_code_of_several(teams):
    place = {"postal_code": "44470"}  # no answer yet
    names = ["Carquefou", "Mauves-sur-Loire", "Thouaré-sur-Loire"]
    asked = {"form": through_the_form(place, teams), "phone": on_the_phone(place, teams)}
    for channel, text in asked.items():
        assert "Ce code postal couvre plusieurs communes" in text, channel
        assert all(name in text for name in names) and "Je ne sais pas" in text, channel

    async def chat():
        socket = WebsocketCommunicator(application, "/ws/tchat/", headers=[
            (b"origin", b"http://testserver"), (b"host", b"testserver")])
        await socket.connect()
        await socket.send_json_to({"t": "start", "postal_code": "44470"})
        frame = await socket.receive_json_from(timeout=5)
        await socket.disconnect()
        return frame

    frame = async_to_sync(chat)()
    assert frame["t"] == "place" and frame["field"] == "commune"
    assert frame["message"].startswith("Ce code postal couvre plusieurs communes")
    assert [name for _code, name in frame["communes"]] == names
    assert not Case.objects.exists()
