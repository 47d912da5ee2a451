"""Transferring a case to another team: the case follows its new team, the history stays."""

import pytest
from django.core.exceptions import ValidationError

from recours.casework.models import CaseTransfer, Status
from recours.casework.selectors import cases_visible_to
from recours.casework.services import case_transfer
from recours.core.models import AuditEvent
from tests.factories import NANTES
from tests.intake.walk import page


def test_a_transfer_moves_the_case_to_the_other_teams_queue(console, adviser, paris_adviser, paris_console, teams, make_case):
    case, _ = make_case(**NANTES)
    response = console.post(
        f"/console/dossiers/{case.reference}/transferer/",
        {"to_team": str(teams["paris"].pk), "text": "Les faits ont eu lieu à Paris."},
    )
    assert response.status_code == 302 and response["Location"] == "/console/dossiers/"
    case.refresh_from_db()
    assert case.team == teams["paris"] and case.status == Status.TRANSFERRED and case.assigned_to is None
    assert case in cases_visible_to(paris_adviser) and case not in cases_visible_to(adviser)
    assert case.reference in page(paris_console.get("/console/dossiers/"))
    text = page(paris_console.get(f"/console/dossiers/{case.reference}/"))
    assert "Les faits ont eu lieu à Paris." in text and "Ville de Nantes → Ville de Paris" in text
    assert console.get(f"/console/dossiers/{case.reference}/").status_code == 404


def test_a_transfer_keeps_the_history_of_teams(adviser, paris_adviser, teams, make_case):
    case, _ = make_case(**NANTES)
    case_transfer(case=case, to_team=teams["national"], note="Avis national", actor=adviser)
    case.refresh_from_db()
    case_transfer(case=case, to_team=teams["paris"], note="Retour local", actor=None)
    assert list(CaseTransfer.objects.filter(case=case).values_list("from_team__name", "to_team__name")) == [
        ("Ville de Nantes", teams["national"].name), (teams["national"].name, "Ville de Paris"),
    ]
    assert AuditEvent.objects.filter(case_id=case.pk, action="case.transfer").count() == 2


def test_the_transfer_note_is_required(adviser, teams, make_case):
    case, _ = make_case(**NANTES)
    with pytest.raises(ValidationError) as error:
        case_transfer(case=case, to_team=teams["paris"], note="  ", actor=adviser)
    assert "pourquoi" in str(error.value)


def test_a_case_cannot_be_transferred_to_its_own_team(adviser, teams, make_case):
    case, _ = make_case(**NANTES)
    with pytest.raises(ValidationError):
        case_transfer(case=case, to_team=teams["nantes"], note="x", actor=adviser)


def test_another_team_cannot_transfer_a_case_it_does_not_hold(paris_console, teams, make_case):
    case, _ = make_case(**NANTES)
    response = paris_console.post(
        f"/console/dossiers/{case.reference}/transferer/", {"to_team": str(teams["paris"].pk), "text": "Je le prends."}
    )
    assert response.status_code == 404
    case.refresh_from_db()
    assert case.team == teams["nantes"]


def test_the_receiving_team_takes_the_case_up(paris_adviser, adviser, teams, make_case):
    from recours.casework.services import case_status_set

    case, _ = make_case(**NANTES)
    case_transfer(case=case, to_team=teams["paris"], note="x", actor=adviser)
    case.refresh_from_db()
    case_status_set(case=case, status=Status.IN_PROGRESS, actor=paris_adviser)
    assert case.status == Status.IN_PROGRESS
