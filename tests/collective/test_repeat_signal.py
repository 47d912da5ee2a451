"""The repeat signal on the case: at the threshold, counted in the adviser's territory only; other
teams' cases only in blocks of the observatory's smallest publishable count."""

import re

import pytest

from recours.collective.services import respondent_link
from tests.factories import backdate
from tests.factories import NANTES, PARIS

SIGNAL = re.compile(r'<div class="alert alert--warning repeat-signal".*?</div>', re.DOTALL)


@pytest.fixture
def tilleuls(make_case, adviser, organisation):
    case, _ = make_case(**NANTES)
    return organisation("SCI Les Tilleuls", case=case, actor=adviser)


def _nantes_cases(make_case, adviser, respondent, count):
    cases = []
    for _ in range(count):
        case, _ = make_case(**NANTES)
        respondent_link(respondent=respondent, case=case, actor=adviser)
        cases.append(case)
    return cases


def _paris_cases(make_case, paris_adviser, respondent, count):
    for _ in range(count):
        case, _ = make_case(**PARIS)
        respondent_link(respondent=respondent, case=case, actor=paris_adviser)


def signal_on(console, case) -> str:
    page = console.get(f"/console/dossiers/{case.reference}/").content.decode()
    match = SIGNAL.search(page)
    return " ".join(match.group(0).split()) if match else ""


def test_no_signal_below_the_threshold(console, make_case, adviser, tilleuls):
    [case] = _nantes_cases(make_case, adviser, tilleuls, 1)  # this case and one other: 2 < 3
    assert signal_on(console, case) == ""


def test_the_signal_appears_at_the_threshold(console, make_case, adviser, tilleuls):
    *_, case = _nantes_cases(make_case, adviser, tilleuls, 2)  # this case and two others: 3
    assert "2 autres signalements concernent ce mis en cause sur votre territoire depuis 12 mois" in signal_on(console, case)


def test_the_threshold_and_period_are_settings(console, make_case, adviser, tilleuls, settings):
    settings.RECOURS_REPEAT_THRESHOLD = 2
    [case] = _nantes_cases(make_case, adviser, tilleuls, 1)
    assert "1 autre signalement concerne ce mis en cause" in signal_on(console, case)
    first = tilleuls.links.order_by("pk").first().case
    backdate(first, days=400)  # older than 12 months: no longer counted
    assert signal_on(console, case) == ""


def test_a_close_match_of_the_same_name_counts(console, make_case, adviser, tilleuls, organisation):
    other, _ = make_case(**NANTES)
    organisation("S.C.I. LES TILLEULS", case=other, actor=adviser)  # created twice by mistake
    [case] = _nantes_cases(make_case, adviser, tilleuls, 1)
    assert "2 autres signalements" in signal_on(console, case)


def test_other_teams_cases_never_show_under_the_small_number_rule(
    console, make_case, adviser, paris_adviser, tilleuls, settings
):
    settings.RECOURS_OBSERVATORY_MIN_CELL = 3
    [case] = _nantes_cases(make_case, adviser, tilleuls, 1)
    before = console.get(f"/console/dossiers/{case.reference}/").content.decode()
    _paris_cases(make_case, paris_adviser, tilleuls, 2)
    assert signal_on(console, case) == ""  # two Paris cases would reach the threshold: nothing shows
    after = console.get(f"/console/dossiers/{case.reference}/").content.decode()
    assert SIGNAL.search(before) is None and SIGNAL.search(after) is None


def test_other_teams_cases_show_in_blocks_from_the_small_number_threshold(
    console, make_case, adviser, paris_adviser, tilleuls, settings
):
    settings.RECOURS_OBSERVATORY_MIN_CELL = 3
    [case] = _nantes_cases(make_case, adviser, tilleuls, 1)
    _paris_cases(make_case, paris_adviser, tilleuls, 3)
    shown = signal_on(console, case)
    assert "1 autre signalement concerne ce mis en cause sur votre territoire" in shown
    assert "Au moins 3 autres ailleurs" in shown
    _paris_cases(make_case, paris_adviser, tilleuls, 2)  # five: still "at least 3", one more case teaches nothing
    assert signal_on(console, case) == shown


def test_an_individual_is_never_counted_across_teams(console, make_case, adviser, paris_adviser, settings):
    from recours.collective.services import respondent_create

    settings.RECOURS_OBSERVATORY_MIN_CELL = 1
    case, _ = make_case(**NANTES)
    person = respondent_create(nature="individual", kind="landlord", name="Jean Dupont", case=case, actor=adviser)
    # An individual can only be linked from a case that sees them: force links from Paris as if it could.
    from recours.collective.models import CaseRespondent

    for _ in range(3):
        theirs, _ = make_case(**PARIS)
        CaseRespondent.objects.create(case=theirs, respondent=person)
    assert signal_on(console, case) == ""
