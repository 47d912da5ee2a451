"""The retention page: coordinators see the durations, the last purge and, as a dry run,
the cases of their teams that will go; advisers and other teams do not."""

import datetime as dt

from django.utils import timezone

from recours.accounts.models import Role
from recours.casework.models import Case
from recours.core.periodic import run_periodic
from tests.accounts.helpers import log_in_verified
from tests.factories import PARIS
from tests.intake.walk import page

NOW = timezone.now()
URL = "/console/observatoire/conservation/"


def test_a_coordinator_sees_what_the_next_purges_will_remove_without_removing_it(client, teams, make_staff, closed_case):
    coordinator, _ = make_staff("coordination.nantes", teams["nantes"], role=Role.COORDINATOR)
    overdue = closed_case(when=NOW - dt.timedelta(days=400))
    soon = closed_case(when=NOW - dt.timedelta(days=355))
    later = closed_case(when=NOW - dt.timedelta(days=100))
    elsewhere = closed_case(when=NOW - dt.timedelta(days=400), **PARIS)
    log_in_verified(client, coordinator)
    text = page(client.get(URL))
    assert "Hors champ" in text or "hors champ" in text
    assert "3 mois" in text and "12 mois" in text
    assert overdue.reference in text and soon.reference in text
    assert later.reference not in text and elsewhere.reference not in text
    assert "n'a pas encore tourné" in text
    assert Case.objects.count() == 4  # a dry run

    run_periodic(now=NOW, only=("retention.purge",))
    text = page(client.get(URL))
    assert "Dernier passage le" in text and "2 dossiers purgés" in text and "purged" not in text
    assert overdue.reference not in text and soon.reference in text


def test_advisers_do_not_see_the_retention_page(console):
    assert console.get(URL).status_code == 403
