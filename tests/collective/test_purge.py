"""Casework's purge takes the individuals named only by the purged case, and keeps organisations."""

from recours.casework.services import case_purge
from recours.collective.models import Respondent
from recours.collective.services import respondent_create, respondent_link
from tests.factories import NANTES


def test_the_purge_removes_an_individual_named_only_by_the_case(make_case, adviser):
    case, _ = make_case(**NANTES)
    person = respondent_create(nature="individual", kind="landlord", name="Jean Dupont", case=case, actor=adviser)
    case_purge(case=case)
    assert not Respondent.objects.filter(pk=person.pk).exists()


def test_the_purge_keeps_an_individual_another_case_still_names(make_case, adviser):
    case, _ = make_case(**NANTES)
    other, _ = make_case(**NANTES)
    person = respondent_create(nature="individual", kind="landlord", name="Jean Dupont", case=case, actor=adviser)
    respondent_link(respondent=person, case=other, actor=adviser)
    case_purge(case=case)
    assert Respondent.objects.filter(pk=person.pk).exists()
    case_purge(case=other)
    assert not Respondent.objects.filter(pk=person.pk).exists()


def test_the_purge_keeps_organisations(make_case, adviser, organisation):
    case, _ = make_case(**NANTES)
    tilleuls = organisation("SCI Les Tilleuls", case=case, actor=adviser)
    case_purge(case=case)
    tilleuls.refresh_from_db()
    assert tilleuls.name == "SCI Les Tilleuls" and not tilleuls.links.exists()


def test_organisations_nothing_names_go_after_their_retention(make_case, adviser, coordinator, organisation, teams, settings):
    import datetime as dt

    from django.utils import timezone

    from recours.collective.services import collective_file_create, respondent_unlink, respondents_expire

    settings.RECOURS_RESPONDENT_RETENTION_MONTHS = 36
    case, _ = make_case(**NANTES)
    forgotten = organisation("Agence Oubliée", case=case, actor=adviser)
    in_a_file = organisation("SCI Les Tilleuls", case=case, actor=adviser)
    still_named = organisation("Garage du Port", case=case, actor=adviser)
    collective_file_create(team=teams["nantes"], title="Tilleuls", respondent_ids=[in_a_file.pk], case_ids=[case.pk],
                           actor=coordinator)
    for respondent in (forgotten, in_a_file):
        respondent_unlink(respondent=respondent, case=case, actor=adviser)
    assert respondents_expire() == 0  # just unlinked: kept for now
    later = timezone.now() + dt.timedelta(days=37 * 31)
    assert respondents_expire(now=later) == 1
    assert not Respondent.objects.filter(pk=forgotten.pk).exists()
    assert Respondent.objects.filter(pk__in=[in_a_file.pk, still_named.pk]).count() == 2
