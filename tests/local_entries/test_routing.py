"""Everything started at a team's local entry goes to that team first: a report started there
is the team's case whatever its place; a chat started there asks that team first."""

import re

import pytest
from asgiref.sync import async_to_sync

from recours.casework.models import Case
from recours.chat.models import Conversation
from tests.chat.ws import connected, until
from tests.intake.walk import VALID_ANSWERS, page, post_step, submit


def _report_from(client, entry_slug: str | None, postal_code: str):
    payload = {"action": "start"}
    if entry_slug:
        payload["entree"] = entry_slug
    client.post("/formulaire/", payload)
    for step, answers in VALID_ANSWERS.items():
        if step == "where":
            answers = {"place": "lieu", "postal_code": postal_code}
        post_step(client, step, answers)
    response = submit(client)
    assert "Votre signalement est envoyé" in page(response)
    return Case.objects.latest("pk")


def test_a_report_started_at_the_local_entry_goes_to_its_team_wherever_it_happened(client, nantes_entry, teams):
    case = _report_from(client, "nantes", "75001")  # Paris: its own team would get it otherwise
    assert case.team == teams["nantes"]


def test_the_same_report_started_elsewhere_goes_to_the_team_of_its_place(client, nantes_entry, teams):
    case = _report_from(client, None, "75001")
    assert case.team == teams["paris"]


def test_an_unknown_or_offline_entry_changes_nothing(client, nantes_entry, teams):
    nantes_entry.active = False
    nantes_entry.save()
    assert _report_from(client, "nantes", "75001").team == teams["paris"]


def test_the_chat_page_reached_from_the_local_entry_carries_it(client, nantes_entry, chat_offered):
    body = page(client.get("/l/nantes/"))
    assert 'href="/tchat/?entree=nantes"' in body
    assert '<input type="hidden" name="entry" value="nantes">' in page(client.get("/tchat/?entree=nantes"))
    assert 'name="entry"' not in page(client.get("/tchat/?entree=inconnu"))


@pytest.mark.django_db(transaction=True)
def test_a_chat_started_at_the_local_entry_asks_its_team_first(live_reference_data, teams, make_staff, always_open):
    from recours.accounts.models import LocalEntry
    from recours.chat.services import presence_beat

    LocalEntry.objects.create(team=teams["nantes"], slug="nantes", name="Nantes")
    for username, team in (("nantes.conseil", "nantes"), ("paris.conseil", "paris")):
        presence_beat(make_staff(username, teams[team])[0])

    def start(payload):
        async def run():
            socket = await connected()
            await socket.send_json_to({"t": "start", **payload})
            frame, _ = await until(socket, "started")
            await socket.disconnect()
            return frame
        return async_to_sync(run)()

    start({"postal_code": "75001", "entry": "nantes"})
    start({"postal_code": "75001"})
    start({"postal_code": "75001", "entry": "inconnu"})
    assert [c.team for c in Conversation.objects.order_by("pk")] == [teams["nantes"], teams["paris"], teams["paris"]]


def _local_results(client, payload) -> list[str]:
    import html as html_module

    response = client.post("/aide/", {"postal_code": "44000", **payload}, follow=True)
    body = html_module.unescape(response.content.decode())
    local = body.split('id="resultats"', 1)[1].split("Partout en France", 1)[0]
    return re.findall(r"<h3[^>]*>\s*(.*?)\s*</h3>", local, flags=re.S)


def test_the_help_search_from_the_local_entry_lists_its_team_services_first(client, nantes_entry, teams, directory):
    from recours.directory.models import Service

    assert 'href="/aide/?entree=nantes"' in page(client.get("/l/nantes/"))
    usual = _local_results(client, {})
    assert len(usual) >= 3
    last = Service.objects.get(nom=re.sub(r"<[^>]+>", "", usual[-1]).strip())
    Service.objects.filter(pk=last.pk).update(team=teams["nantes"])
    assert 'name="entree" value="nantes"' in page(client.get("/aide/?entree=nantes"))
    from_entry = _local_results(client, {"entree": "nantes"})
    assert from_entry[0] == usual[-1] and sorted(from_entry) == sorted(usual)
    assert _local_results(client, {}) == usual  # elsewhere, the usual order
