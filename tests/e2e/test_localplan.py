"""The local plan report in a real browser: a coordinator records the QPV of a case, opens
the report of her team from the console's navigation, writes the introduction and publishes
it. axe on the console report page."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from recours.localplan.services import qpv_import
from tests.factories import NANTES
from tests.e2e.axe import assert_accessible
from tests.e2e.helpers import log_in

pytestmark = pytest.mark.e2e


def test_a_coordinator_reads_and_publishes_the_report(page, server_url, live_reference_data, teams, make_staff, make_case):  # noqa: F811
    qpv_import("code;nom\nQN04401M;Bellevue\n")
    case, _ = make_case(**NANTES)
    coordinator, device = make_staff("coord.nantes", teams["nantes"], role="coordinator", first_name="Léa", last_name="Roux")
    log_in(page, server_url, coordinator, device)

    page.goto(f"{server_url}/console/dossiers/{case.reference}/")
    page.get_by_label("La situation s'est produite dans ou concerne le quartier").select_option("QN04401M")
    page.locator("#qpv").get_by_role("button", name="Enregistrer").click()

    page.get_by_role("link", name="Plan local").click()
    year = timezone.localdate().year  # the report's year is Paris's (the machine's clock is UTC)
    page.locator("#localplan-reports").get_by_role("link", name=str(year)).click()
    expect(page.locator("#qpv")).to_contain_text("QN04401M — Bellevue")
    page.get_by_label("Introduction de la coordination").fill("Le plan de la Ville pour l'année.")
    page.get_by_role("button", name="Enregistrer l'introduction").click()
    expect(page.locator("#introduction")).to_contain_text("Le plan de la Ville pour l'année.")
    assert_accessible(page, context="local plan report in the console")
    page.get_by_role("button", name="Publier la version publique").click()
    expect(page.get_by_role("link", name="Version publique")).to_be_visible()
