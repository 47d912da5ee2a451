"""Bulk assign and bulk transfer from the queue: the ticked cases (or every case of the page),
each through the case's own service (one audit entry per case), all or none; a case the adviser
may not see refuses the batch even when its reference is posted."""

from recours.casework.models import CaseTransfer, Status
from recours.core.models import AuditEvent
from tests.factories import NANTES, PARIS
from tests.theme.helpers import parse

QUEUE = "/console/dossiers/"
BULK = "/console/dossiers/lot/"


def test_the_queue_has_a_tick_per_case_and_every_case_of_the_page(console, make_case):
    first, _ = make_case(**NANTES)
    second, _ = make_case(**NANTES)
    html = console.get(QUEUE).content.decode()
    page = parse(html)
    ticks = page.find_all("input", type="checkbox", name="dossiers", form="queue-bulk")
    assert sorted(tick["value"] for tick in ticks) == sorted([first.reference, second.reference])
    assert page.find_all("input", type="checkbox", name="tout", form="queue-bulk")
    sent = sorted(field["value"] for field in page.find_all("input", name="page_dossiers"))
    assert sent == sorted([first.reference, second.reference])
    page.by_id("queue-bulk")
    for tick in ticks:  # each tick is named for the case it selects
        assert page.find_all("label", for_=tick["id"])
        assert f'Choisir le dossier {tick["value"]}</label>' in html


def test_assign_the_ticked_cases_to_me(console, adviser, make_case):
    first, _ = make_case(**NANTES)
    second, _ = make_case(**NANTES)
    untouched, _ = make_case(**NANTES)
    response = console.post(BULK, {"action": "moi", "dossiers": [first.reference, second.reference], "next": f"{QUEUE}?vue=moi"})
    assert response.status_code == 302 and response["Location"] == f"{QUEUE}?vue=moi"
    for case in (first, second, untouched):
        case.refresh_from_db()
    assert first.assigned_to == adviser and second.assigned_to == adviser and untouched.assigned_to is None
    events = AuditEvent.objects.filter(action="case.assign", actor=adviser)
    assert sorted(events.values_list("case_id", flat=True)) == sorted([first.pk, second.pk])  # one entry per case


def test_assign_every_case_of_the_page_to_a_colleague_without_ticking_each(console, colleague, make_case):
    first, _ = make_case(**NANTES)
    second, _ = make_case(**NANTES)
    console.post(BULK, {"action": "attribuer", "assignee": str(colleague.pk), "tout": "1",
                        "page_dossiers": [first.reference, second.reference]})
    for case in (first, second):
        case.refresh_from_db()
        assert case.assigned_to == colleague


def test_transfer_the_ticked_cases_to_another_team(console, adviser, teams, make_case):
    first, _ = make_case(**NANTES)
    second, _ = make_case(**NANTES)
    response = console.post(BULK, {"action": "transferer", "to_team": str(teams["paris"].pk),
                                    "note": "Les faits ont eu lieu à Paris.", "dossiers": [first.reference, second.reference]},
                            follow=True)
    for case in (first, second):
        case.refresh_from_db()
        assert case.team == teams["paris"] and case.status == Status.TRANSFERRED
    assert [t.note for t in CaseTransfer.objects.filter(to_team=teams["paris"])] == ["Les faits ont eu lieu à Paris."] * 2
    assert AuditEvent.objects.filter(action="case.transfer").count() == 2
    assert "2 dossier(s) transféré(s) à l'équipe Ville de Paris." in parse(response.content.decode()).plain_text


def test_a_posted_reference_of_another_teams_case_refuses_the_whole_batch(console, adviser, make_case):
    mine, _ = make_case(**NANTES)
    theirs, _ = make_case(**PARIS)
    response = console.post(BULK, {"action": "moi", "dossiers": [mine.reference, theirs.reference]}, follow=True)
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.assigned_to is None and theirs.assigned_to is None
    assert not AuditEvent.objects.filter(action="case.assign").exists()
    assert "Aucun dossier n'a été modifié." in parse(response.content.decode()).plain_text


def test_another_teams_case_cannot_be_transferred_through_the_page_list(console, teams, make_case):
    theirs, _ = make_case(**PARIS)
    console.post(BULK, {"action": "transferer", "to_team": str(teams["national"].pk), "note": "Je le prends.",
                        "tout": "1", "page_dossiers": [theirs.reference]})
    theirs.refresh_from_db()
    assert theirs.team == teams["paris"] and not CaseTransfer.objects.exists()


def test_one_refused_transfer_leaves_every_case_as_it_was(console, teams, make_case):
    first, _ = make_case(**NANTES)
    second, _ = make_case(**NANTES)
    response = console.post(BULK, {"action": "transferer", "to_team": str(teams["paris"].pk), "note": "",
                                   "dossiers": [first.reference, second.reference]}, follow=True)
    for case in (first, second):
        case.refresh_from_db()
        assert case.team == teams["nantes"]
    assert not CaseTransfer.objects.exists()
    assert "Aucun dossier n'a été modifié." in parse(response.content.decode()).plain_text


def test_assigning_to_someone_outside_the_advisers_teams_is_refused(console, paris_adviser, make_case):
    case, _ = make_case(**NANTES)
    console.post(BULK, {"action": "attribuer", "assignee": str(paris_adviser.pk), "dossiers": [case.reference]})
    case.refresh_from_db()
    assert case.assigned_to is None


def test_nothing_ticked_is_said(console, make_case):
    make_case(**NANTES)
    response = console.post(BULK, {"action": "moi"}, follow=True)
    assert "Cochez au moins un dossier." in parse(response.content.decode()).plain_text


def test_bulk_actions_need_a_verified_staff_login(client, make_case):
    case, _ = make_case(**NANTES)
    assert client.post(BULK, {"action": "moi", "dossiers": [case.reference]}).status_code == 302
    case.refresh_from_db()
    assert case.assigned_to is None
