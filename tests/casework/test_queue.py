"""The queue: the cases of the user's teams only, by tab, with counts and waiting times."""

import datetime as dt

from django.utils import timezone

from recours.casework.models import Case, Status
from recours.casework.services import message_add_by_adviser, message_add_by_person
from tests.factories import NANTES, PARIS, backdate

QUEUE = "/console/dossiers/"


def test_the_queue_lists_only_the_cases_of_the_users_team(console, make_case):
    mine, _ = make_case(**NANTES)
    theirs, _ = make_case(**PARIS)
    text = console.get(QUEUE).content.decode()
    assert mine.reference in text
    assert theirs.reference not in text


def test_the_queue_needs_a_verified_staff_login(client, make_case):
    make_case(**NANTES)
    response = client.get(QUEUE)
    assert response.status_code == 302 and "/console/connexion/" in response["Location"]


def test_the_queue_shows_the_count_of_each_state(console, adviser, make_case):
    new_one, _ = make_case(**NANTES)
    awaiting, _ = make_case(**NANTES)
    Case.objects.filter(pk=awaiting.pk).update(status=Status.AWAITING_PERSON)
    replied, _ = make_case(**NANTES)
    Case.objects.filter(pk=replied.pk).update(status=Status.IN_PROGRESS, assigned_to=adviser)
    message_add_by_adviser(case=replied, body="Bonjour")
    message_add_by_person(case=replied, body="Merci, voici la suite.")
    make_case(**PARIS)  # another team's: counted nowhere

    response = console.get(QUEUE)
    tabs = {tab["key"]: tab["count"] for tab in response.context["tabs"]}
    assert tabs == {"tous": 3, "nouveaux": 1, "moi": 1, "attente-personne": 1, "attente-reponse": 1}
    assert "Nouveaux (1)" in response.content.decode()


def test_the_awaiting_a_reply_tab_lists_the_cases_where_the_person_wrote_last(console, make_case):
    person_last, _ = make_case(**NANTES)
    message_add_by_adviser(case=person_last, body="Bonjour")
    message_add_by_person(case=person_last, body="Voici ma réponse")
    adviser_last, _ = make_case(**NANTES)
    message_add_by_adviser(case=adviser_last, body="Bonjour")

    text = console.get(QUEUE + "?vue=attente-reponse").content.decode()
    assert person_last.reference in text
    assert adviser_last.reference not in text


def test_the_oldest_waiting_case_comes_first(console, make_case):
    recent, _ = make_case(**NANTES)
    old, _ = make_case(**NANTES)
    backdate(old, days=3)

    cases = console.get(QUEUE).context["cases"]
    assert [case.reference for case in cases] == [old.reference, recent.reference]
    assert cases[0].waited >= dt.timedelta(days=3)


def test_a_case_answered_by_an_adviser_no_longer_waits(console, make_case):
    case, _ = make_case(**NANTES)
    message_add_by_adviser(case=case, body="Bonjour")
    [listed] = console.get(QUEUE).context["cases"]
    assert listed.waiting_since is None


def test_the_queue_filters_by_channel_and_status(console, make_case):
    new_one, _ = make_case(**NANTES)
    closed, _ = make_case(**NANTES)
    Case.objects.filter(pk=closed.pk).update(status=Status.CLOSED)

    text = console.get(QUEUE + "?status=closed&channel=form").content.decode()
    assert closed.reference in text and new_one.reference not in text
    text = console.get(QUEUE + "?channel=phone").content.decode()
    assert closed.reference not in text and new_one.reference not in text


def test_the_queue_is_read_page_by_page_the_longest_waiting_first(console, make_case, monkeypatch):
    from recours.casework import views

    monkeypatch.setattr(views, "QUEUE_PAGE_SIZE", 2)
    cases = [make_case(**NANTES)[0] for _ in range(3)]
    for days, case in zip((3, 2, 1), cases):
        backdate(case, days=days)

    first = console.get(QUEUE + "?vue=tous&channel=form")
    assert [c.reference for c in first.context["cases"]] == [cases[0].reference, cases[1].reference]
    assert first.context["pages"] == {"next": "vue=tous&channel=form&page=2"}
    second = console.get(QUEUE + "?" + first.context["pages"]["next"])
    assert [c.reference for c in second.context["cases"]] == [cases[2].reference]
    assert second.context["pages"] == {"previous": "vue=tous&channel=form&page=1"}
    assert "Page précédente" in second.content.decode()


def test_the_queue_links_each_case_to_its_file_and_its_assignment(console, make_case):
    from django.urls import reverse

    case, _ = make_case(**NANTES)
    text = console.get(QUEUE).content.decode()
    assert f'href="{reverse("casework:case", args=[case.reference])}"' in text
    assert f'action="{reverse("casework:assign", args=[case.reference])}"' in text
