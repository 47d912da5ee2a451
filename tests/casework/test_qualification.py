"""Qualifying a case in law: criteria with their legal source, domain, type, respondent, reasoning."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from recours.casework import signals
from recours.casework.models import Qualification, RespondentKind
from recours.casework.services import case_qualify
from recours.core.models import AuditEvent
from tests.factories import NANTES
from tests.intake.walk import page

QUALIFY = {
    "criteria": ["handicap", "etat_de_sante"],
    "related_situations": ["validisme"],
    "domain": "emploi_prive",
    "situation_type": "discrimination",
    "respondent_kind": RespondentKind.EMPLOYER,
    "reasoning": "Refus d'aménagement de poste après la reconnaissance RQTH.",
}


def test_the_case_file_offers_the_legal_list_with_its_sources(console, make_case):
    case, _ = make_case(**NANTES)
    text = page(console.get(f"/console/dossiers/{case.reference}/"))
    assert "Qualifier le dossier" in text
    assert "Handicap" in text and "Code pénal, art. 225-1" in text


def test_an_adviser_qualifies_a_case_and_it_is_audited(console, adviser, make_case):
    case, _ = make_case(**NANTES)
    response = console.post(f"/console/dossiers/{case.reference}/qualifier/", QUALIFY)
    assert response.status_code == 302
    qualification = Qualification.objects.get(case=case)
    assert sorted(qualification.criteria.values_list("pk", flat=True)) == ["etat_de_sante", "handicap"]
    assert qualification.domain_id == "emploi_prive" and qualification.respondent_kind == "employer"
    assert qualification.qualified_by == adviser
    event = AuditEvent.objects.get(case_id=case.pk, action="case.qualify")
    assert event.detail["criteria"] == ["etat_de_sante", "handicap"]
    assert "RQTH" not in str(event.detail)  # the reasoning never goes into the trail
    text = page(console.get(f"/console/dossiers/{case.reference}/"))
    assert "Dossier qualifié" in text and "Refus d'aménagement de poste" in text


def test_the_reasoning_is_encrypted_at_rest(adviser, make_case):
    case, _ = make_case(**NANTES)
    case_qualify(case=case, actor=adviser, **QUALIFY)
    with connection.cursor() as cursor:
        cursor.execute("SELECT reasoning FROM casework_qualification WHERE case_id = %s", [case.pk])
        raw = cursor.fetchone()[0]
    assert "RQTH" not in str(raw)


def test_qualifying_again_replaces_the_previous_qualification(adviser, make_case):
    case, _ = make_case(**NANTES)
    case_qualify(case=case, actor=adviser, **QUALIFY)
    case_qualify(case=case, actor=adviser, criteria=["origine"], situation_type="discrimination")
    qualification = Qualification.objects.get(case=case)
    assert list(qualification.criteria.values_list("pk", flat=True)) == ["origine"]
    assert qualification.domain is None and qualification.reasoning == ""


def test_a_criterion_outside_the_legal_list_is_refused(adviser, make_case):
    case, _ = make_case(**NANTES)
    with pytest.raises(ValidationError) as error:
        case_qualify(case=case, actor=adviser, criteria=["couleur_des_yeux"])
    assert "liste légale" in str(error.value)
    assert not Qualification.objects.filter(case=case).exists()


def test_an_empty_qualification_is_refused_with_a_clear_message(console, make_case):
    case, _ = make_case(**NANTES)
    response = console.post(f"/console/dossiers/{case.reference}/qualifier/", {"domain": "logement"})
    assert response.status_code == 200
    assert "Choisissez au moins un critère" in page(response)
    assert not Qualification.objects.filter(case=case).exists()


def test_case_qualified_is_sent_after_the_commit(adviser, make_case, django_capture_on_commit_callbacks):
    case, _ = make_case(**NANTES)
    received = []

    def receiver(sender, *, case, actor, **kwargs):
        received.append((case.pk, actor.pk))

    signals.case_qualified.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            case_qualify(case=case, actor=adviser, **QUALIFY)
        assert received == []  # nothing before the commit
        for callback in callbacks:
            callback()
    finally:
        signals.case_qualified.disconnect(receiver)
    assert received == [(case.pk, adviser.pk)]
