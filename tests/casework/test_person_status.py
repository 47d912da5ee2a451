"""What the person reads of her case always matches what happened: a reply moves the case,
and a transfer says where the case went."""

from recours.casework.models import Status
from recours.casework.services import case_status_set, case_transfer
from recours.core.models import AuditEvent
from tests.factories import NANTES
from tests.intake.test_followup import open_followup
from tests.intake.walk import page

WAITING = "attend d'être lu"


def _followup_text(client_factory, receipt) -> str:
    person = client_factory()
    open_followup(person, receipt)
    return page(person.get("/suivi/"))


def test_a_reply_moves_a_new_case_to_in_progress_and_the_move_is_audited(console, adviser, make_case):
    case, _receipt = make_case(**NANTES)
    console.post(f"/console/dossiers/{case.reference}/repondre/", {"body": "Bonjour, nous lisons votre signalement."})
    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS and case.status_changed_by == adviser
    move = AuditEvent.objects.get(case_id=case.pk, action="case.status")
    assert move.actor == adviser and move.detail["before"] == Status.NEW and move.detail["after"] == Status.IN_PROGRESS


def test_after_a_reply_the_follow_up_page_never_says_the_report_waits_to_be_read(console, client_factory, make_case):
    case, receipt = make_case(**NANTES)
    assert WAITING in _followup_text(client_factory, receipt)
    console.post(f"/console/dossiers/{case.reference}/repondre/", {"body": "Voici vos droits."})
    text = _followup_text(client_factory, receipt)
    assert WAITING not in text and "Voici vos droits." in text
    assert "un·e conseiller·ère s'occupe de votre situation" in text


def test_a_reply_leaves_a_case_awaiting_the_person_where_it_is(console, adviser, make_case):
    case, _receipt = make_case(**NANTES)
    case_status_set(case=case, status=Status.AWAITING_PERSON, actor=adviser)
    console.post(f"/console/dossiers/{case.reference}/repondre/", {"body": "Pouvez-vous préciser la date ?"})
    case.refresh_from_db()
    assert case.status == Status.AWAITING_PERSON


def test_once_the_person_answered_she_is_no_longer_asked_to_read_the_last_message(console, adviser, client_factory, make_case):
    case, receipt = make_case(**NANTES)
    case_status_set(case=case, status=Status.AWAITING_PERSON, actor=adviser)
    console.post(f"/console/dossiers/{case.reference}/repondre/", {"body": "Pouvez-vous préciser la date ?"})
    assert "Nous attendons votre réponse" in _followup_text(client_factory, receipt)
    person = client_factory()
    open_followup(person, receipt)
    person.post("/suivi/", {"action": "message", "body": "C'était le 3 mars."})
    text = page(person.get("/suivi/"))
    assert "Nous attendons votre réponse" not in text and "Votre réponse est bien reçue" in text


def test_a_reply_by_the_receiving_team_takes_a_transferred_case_up(adviser, paris_adviser, paris_console, teams, make_case):
    case, _receipt = make_case(**NANTES)
    case_transfer(case=case, to_team=teams["paris"], note="Les faits ont eu lieu à Paris.", actor=adviser)
    paris_console.post(f"/console/dossiers/{case.reference}/repondre/", {"body": "Nous prenons la suite."})
    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS and case.status_changed_by == paris_adviser


def test_a_move_to_a_team_closer_to_the_person_says_so(adviser, teams, client_factory, make_case):
    case, receipt = make_case(**NANTES)
    case_transfer(case=case, to_team=teams["loire_atlantique"], note="Département.", actor=adviser)
    case.refresh_from_db()
    case_transfer(case=case, to_team=teams["nantes"], note="Retour à la ville.", actor=None)
    text = _followup_text(client_factory, receipt)
    assert "confiée à une équipe plus proche de chez vous" in text


def test_a_move_to_the_national_team_says_the_national_team(adviser, teams, client_factory, make_case):
    case, receipt = make_case(**NANTES)
    case_transfer(case=case, to_team=teams["loire_atlantique"], note="Département.", actor=adviser)
    case.refresh_from_db()
    case_transfer(case=case, to_team=teams["national"], note="Dossier national.", actor=None)
    text = _followup_text(client_factory, receipt)
    assert "confiée à l'équipe nationale" in text and "plus proche de chez vous" not in text


def test_a_move_to_another_service_at_the_same_level_says_another_service(adviser, teams, client_factory, make_case):
    case, receipt = make_case(**NANTES)
    case_transfer(case=case, to_team=teams["paris"], note="Les faits ont eu lieu à Paris.", actor=adviser)
    text = _followup_text(client_factory, receipt)
    assert "confiée à un autre service" in text and "plus proche de chez vous" not in text


def test_a_move_to_a_wider_team_of_the_same_place_is_not_closer(adviser, teams, client_factory, make_case):
    case, receipt = make_case(**NANTES)
    case_transfer(case=case, to_team=teams["loire_atlantique"], note="Département.", actor=adviser)
    assert "confiée à un autre service" in _followup_text(client_factory, receipt)
