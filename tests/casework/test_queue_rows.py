"""Each queue row tells what the case is: grounds in plain words, domain, place, who is in cause,
who wrote last, and badges — read from the queue's own columns, never from a narrative."""

import datetime as dt

from django.utils import timezone

from recours.casework.models import AdviceRequest, Case, ScheduledCall
from recours.casework.services import advice_ask, case_qualify, message_add_by_adviser
from tests.accounts.helpers import log_in_verified
from tests.factories import NANTES
from tests.theme.helpers import parse

QUEUE = "/console/dossiers/"


def row_text(client, reference: str) -> str:
    html = client.get(QUEUE).content.decode()
    start = html.index(f'data-reference="{reference}"')
    return parse("<tr " + html[start : html.index("</tr>", start)] + "</tr>").plain_text


def test_a_row_says_the_grounds_in_plain_words_the_domain_and_the_place(client, teams, make_staff, make_case):
    alice, _ = make_staff("alice", teams["nantes"])
    case, _ = make_case(**NANTES)
    log_in_verified(client, alice)
    text = row_text(client, case.reference)
    assert "Le nom de famille" in text and "Logement" in text and "44" in text and "formulaire" in text
    assert "On m'a refusé la visite" not in client.get(QUEUE).content.decode()  # never the narrative


def test_a_row_says_who_wrote_last(client, teams, make_staff, make_case):
    alice, _ = make_staff("alice", teams["nantes"])
    case, _ = make_case(**NANTES)
    log_in_verified(client, alice)
    Case.objects.filter(pk=case.pk).update(last_person_message_at=timezone.now())
    assert "la personne a écrit" in row_text(client, case.reference)
    message_add_by_adviser(case=case, body="Bonjour", user=alice)
    assert "la personne a écrit" not in row_text(client, case.reference)


def test_a_row_shows_the_badges_late_callback_due_and_advice_pending(client, teams, make_staff, make_case):
    alice, _ = make_staff("alice", teams["nantes"])
    case, _ = make_case(**NANTES)
    log_in_verified(client, alice)
    assert "en retard" not in row_text(client, case.reference)
    Case.objects.filter(pk=case.pk).update(waiting_since=timezone.now() - dt.timedelta(days=4))
    ScheduledCall.objects.create(case=case, due_at=timezone.now() - dt.timedelta(minutes=5))
    advice_ask(case=case, to_team=teams["paris"], question="Votre avis ?", actor=alice)
    text = row_text(client, case.reference)
    assert "en retard" in text and "rappel à faire" in text and "avis en attente" in text
    AdviceRequest.objects.update(answered_at=timezone.now())
    assert "avis en attente" not in row_text(client, case.reference)


def test_a_row_says_who_is_in_cause_once_qualified(client, teams, make_staff, make_case):
    alice, _ = make_staff("alice", teams["nantes"])
    case, _ = make_case(**NANTES)
    case_qualify(case=case, actor=alice, criteria=["patronyme"], related_situations=[], domain="logement",
                 situation_type="", respondent_kind="landlord", reasoning="")
    log_in_verified(client, alice)
    assert "bailleur" in row_text(client, case.reference)
