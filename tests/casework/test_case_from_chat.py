"""A chat becomes a case in one transaction: the case, its team and adviser, its notes and the
chat's link to it are written together, or nothing is."""

import pytest

from recours.casework.models import Case, Channel, Note
from recours.casework.services import case_create_from_chat


def test_a_case_from_a_chat_keeps_the_team_the_adviser_and_the_notes(report_input, teams, adviser):
    linked = []
    case, receipt = case_create_from_chat(
        report=report_input(), team=teams["paris"], adviser=adviser,
        notes=((adviser, "Personne très inquiète."),), then=lambda case, receipt: linked.append((case.pk, receipt)),
    )
    case.refresh_from_db()
    assert case.channel == Channel.CHAT and case.team == teams["paris"] and case.assigned_to == adviser
    assert [(n.author, n.body) for n in Note.objects.filter(case=case)] == [(adviser, "Personne très inquiète.")]
    assert linked == [(case.pk, receipt)] and len(receipt) > 8


def test_a_failure_in_the_notes_leaves_no_case(report_input, teams, adviser):
    with pytest.raises(UnicodeEncodeError):  # a lone surrogate cannot be encrypted, so cannot be stored
        case_create_from_chat(report=report_input(), team=teams["nantes"], adviser=adviser, notes=((adviser, "\ud800"),))
    assert not Case.objects.exists() and not Note.objects.exists()


def test_a_failure_while_the_chat_links_its_conversation_leaves_no_case(report_input, teams, adviser):
    def link(case, receipt):
        raise RuntimeError("the conversation could not be linked")

    with pytest.raises(RuntimeError):
        case_create_from_chat(report=report_input(), team=teams["nantes"], adviser=adviser,
                              notes=((adviser, "Une note."),), then=link)
    assert not Case.objects.exists() and not Note.objects.exists()
