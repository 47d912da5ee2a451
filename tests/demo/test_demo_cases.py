"""The generated demo cases: about fifty, in the national proportions, marked, made once."""

from collections import Counter

from recours.casework.models import Case, Qualification, Status
from recours.demo.cases import DEMO_CASE_COUNT
from recours.demo.services import demo_load


def _demo_cases():
    return Case.objects.filter(reference__regex=r"^D[0-9]{7}$")


def test_the_demo_makes_about_fifty_marked_cases_once(db):
    demo_load()
    cases = list(_demo_cases())
    assert len(cases) == DEMO_CASE_COUNT
    assert all(case.narrative.startswith("[Démo]") and case.details == {"demo": True} for case in cases)
    demo_load()
    assert _demo_cases().count() == DEMO_CASE_COUNT


def test_the_demo_cases_are_varied_like_a_real_day(db):
    demo_load()
    cases = _demo_cases()
    assert {case.channel for case in cases} >= {"form", "phone", "chat"}
    statuses = Counter(case.status for case in cases)
    assert statuses[Status.NEW] and statuses[Status.CLOSED] and statuses[Status.AWAITING_PERSON]
    assert all(case.outcome and case.closed_at for case in cases if case.status == Status.CLOSED)
    assert Qualification.objects.filter(case__in=cases).count() == DEMO_CASE_COUNT - statuses[Status.NEW]
    domains = Counter(case.domain_id for case in cases)
    employment = (domains["emploi_prive"] + domains["emploi_public"]) / DEMO_CASE_COUNT
    assert 0.35 <= employment <= 0.6
    criteria = Counter(code for case in cases for code in case.reported_criteria.values_list("pk", flat=True))
    assert criteria.most_common(1)[0][0] == "handicap"
    assert {team.slug for team in {case.team for case in cases}} >= {"ville-de-nantes"}


def test_the_demo_phone_cases_have_their_call_sheet_and_some_callbacks(db):
    from recours.casework.models import PhoneCall, ScheduledCall
    from recours.demo.cases import DEMO_CALLBACKS

    demo_load()
    phone_cases = _demo_cases().filter(channel="phone")
    assert PhoneCall.objects.filter(case__in=phone_cases).count() == phone_cases.count() > 0
    callbacks = ScheduledCall.objects.filter(case__in=phone_cases)
    assert callbacks.count() == DEMO_CALLBACKS
    assert all(callback.case.status != Status.CLOSED for callback in callbacks)
