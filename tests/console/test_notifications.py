"""The notifications poll: numbers only, from the user's own teams, for every console page."""

import datetime as dt
import json

from django.utils import timezone

from recours.casework.calls import CallbackPlan, callback_schedule
from recours.casework.models import Case, ScheduledCall
from recours.casework.services import advice_answer, advice_ask, case_assign, message_add_by_person
from recours.chat.services import conversation_start
from tests.accounts.helpers import log_in_verified
from tests.factories import NANTES, PARIS

URL = "/console/notifications/"


def poll(client) -> dict:
    response = client.get(URL)
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    return response.json()


def test_a_persons_message_on_my_case_is_counted(client, teams, make_staff, make_case):
    alice, _ = make_staff("alice", teams["nantes"])
    case, _ = make_case(**NANTES)
    case_assign(case=case, assignee=alice, actor=alice)
    log_in_verified(client, alice)
    assert poll(client)["alerts"]["messages"] == 0
    message_add_by_person(case=case, body="Je reviens vers vous.")
    assert poll(client)["alerts"]["messages"] == 1
    assert poll(client)["counts"]["mine"] == 1


def test_a_waiting_chat_and_a_due_callback_are_counted(client, teams, make_staff, make_case):
    alice, _ = make_staff("alice", teams["nantes"])
    case, _ = make_case(**NANTES)
    callback_schedule(case=case, plan=CallbackPlan(due_at=timezone.now() - dt.timedelta(minutes=1)), actor=alice)
    callback_schedule(case=case, plan=CallbackPlan(due_at=timezone.now() + dt.timedelta(days=1)), actor=alice)
    conversation_start(postal_code="44000", commune="44109")
    log_in_verified(client, alice)
    data = poll(client)
    assert data["alerts"]["chats"] == 1 and data["alerts"]["callbacks"] == 1
    assert data["counts"]["chat"] == 1 and data["counts"]["queue"] == 1  # one new case
    assert data["total"] == 2


def test_advice_answered_is_news_for_the_one_who_asked(client, teams, make_staff, make_case):
    alice, _ = make_staff("alice", teams["nantes"])
    paul, _ = make_staff("paul", teams["paris"])
    case, _ = make_case(**NANTES)
    advice = advice_ask(case=case, to_team=teams["paris"], question="Est-ce du logement ?", actor=alice)
    log_in_verified(client, paul)
    assert poll(client)["counts"]["advice"] == 1
    advice_answer(advice=advice, answer="Oui.", actor=paul)
    log_in_verified(client, alice)
    assert poll(client)["alerts"]["advice_answered"] == 1
    log_in_verified(client, paul)
    assert poll(client)["alerts"]["advice_answered"] == 0


def test_nothing_of_a_case_is_in_the_answer_only_numbers(client, teams, make_staff, make_case):
    alice, _ = make_staff("alice", teams["nantes"])
    case, _ = make_case(**NANTES)
    case_assign(case=case, assignee=alice, actor=alice)
    message_add_by_person(case=case, body="Mon voisin Dupont m'a insulté")
    log_in_verified(client, alice)
    body = client.get(URL).content.decode()
    assert case.reference not in body and "Dupont" not in body

    def numbers_only(value):
        if isinstance(value, dict):
            return all(isinstance(key, str) and numbers_only(item) for key, item in value.items())
        return isinstance(value, int)

    assert numbers_only(json.loads(body))


def test_an_adviser_never_gets_counts_of_another_teams_cases(client, teams, make_staff, make_case):
    paul, _ = make_staff("paul", teams["paris"])
    case, _ = make_case(**NANTES)
    # Even a stale assignment (the case moved to another team since) counts nothing for him.
    Case.objects.filter(pk=case.pk).update(assigned_to=paul)
    message_add_by_person(case=case, body="Je reviens vers vous.")
    ScheduledCall.objects.create(case=case, due_at=timezone.now(), assigned_to=paul)
    conversation_start(postal_code="44000", commune="44109")
    log_in_verified(client, paul)
    data = poll(client)
    assert data["total"] == 0 and not any(data["counts"].values())
    make_case(**PARIS)
    assert poll(client)["counts"]["queue"] == 1


def test_the_poll_is_refused_without_both_factors(client, teams, make_staff):
    make_staff("alice", teams["nantes"])
    assert client.get(URL).status_code == 302
    assert client.post(URL).status_code in (302, 405)
