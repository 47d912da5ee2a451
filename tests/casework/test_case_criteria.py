"""One policy for a case's grounds and domain, whoever reads them: the adviser's qualification
once there is one (even without a criterion), else what the person reported."""

from recours.casework.selectors import case_criteria, case_domain
from recours.casework.services import case_close, case_qualify
from recours.observatory.models import AnonymisedRecord


def grounds(case):
    return sorted(c.pk for c in case_criteria(case)), getattr(case_domain(case), "pk", None)


def test_before_qualification_the_reported_grounds_and_domain(make_case):
    case, _receipt = make_case(criteria=("patronyme", "origine"), domain="logement")
    assert grounds(case) == (["origine", "patronyme"], "logement")


def test_the_qualification_replaces_the_reported_grounds(make_case, adviser):
    case, _receipt = make_case(criteria=("patronyme",), domain="logement")
    case_qualify(case=case, actor=adviser, criteria=["handicap"], domain="emploi_prive")
    case.refresh_from_db()
    assert grounds(case) == (["handicap"], "emploi_prive")


def test_a_qualification_without_criterion_does_not_bring_back_the_reported_ones(make_case, adviser):
    case, _receipt = make_case(criteria=("patronyme",), domain="logement")
    case_qualify(case=case, actor=adviser, related_situations=["racisme"])
    case.refresh_from_db()
    assert grounds(case) == ([], "logement")  # no domain qualified: the reported one stays


def test_the_orientation_search_and_the_observatory_record_follow_the_same_policy(
    make_case, adviser, console, directory, django_capture_on_commit_callbacks
):
    case, _receipt = make_case(criteria=("patronyme",), domain="logement")
    case_qualify(case=case, actor=adviser, related_situations=["racisme"])
    search = console.get(f"/console/dossiers/{case.reference}/orienter/").context["search_form"]
    assert (search.data["criteria"], search.data["domain"]) == ([], "logement")
    with django_capture_on_commit_callbacks(execute=True):
        case_close(case=case, outcome="information", actor=adviser)
    record = AnonymisedRecord.objects.get()
    assert (record.criteria, record.domain) == ([], "logement")
