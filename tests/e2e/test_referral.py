"""The referral file in a real browser: prepared from a case, refused without consent with
nothing lost, then marked ready and downloaded as a PDF."""

import re

import pytest
from playwright.sync_api import expect

from recours.casework.models import ReferralFile, ReferralStatus
from tests.factories import NANTES
from tests.e2e.axe import assert_accessible
from tests.e2e.helpers import log_in

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def pdf_ready():
    """WeasyPrint imported and its first layout done before the test, as the web process does
    at its start (RECOURS_PDF_WARM_UP, off in tests): otherwise the download paid it, 1.5 s on a
    quiet machine, past the click's 10 s on a loaded one (seen: the first PDF never came)."""
    from recours.casework.referral import pdf_warm_up

    pdf_warm_up()  # a template and WeasyPrint: no database


def test_an_adviser_prepares_a_referral_and_downloads_it(
    page, server_url, live_reference_data, teams, make_staff, make_case, pdf_ready
):
    case, _ = make_case(contact={"name": "Samira"}, **NANTES)
    adviser, device = make_staff("juriste.nantes", teams["nantes"], first_name="Léa", last_name="Morel")
    log_in(page, server_url, adviser, device)
    page.goto(f"{server_url}/console/dossiers/{case.reference}/")
    page.get_by_role("link", name="Préparer une saisine").click()
    expect(page.get_by_label("Exposé des faits")).to_have_value(re.compile("refusé la visite"))
    expect(page.get_by_label("Prénom")).to_have_value("Samira")
    assert_accessible(page, context="referral file")

    page.get_by_label("Nom de famille").fill("Benali")
    page.get_by_label("Adresse postale").fill("3 rue de Strasbourg")
    page.get_by_label("Mis en cause", exact=True).fill("Agence Immo Centre")
    page.get_by_label("Pièces et preuves").fill("- Capture de l'annonce")
    page.get_by_role("button", name="Enregistrer et marquer prête à transmettre").click()
    expect(page.locator(".error-summary")).to_contain_text("Recueillez l'accord de la personne")
    expect(page.get_by_label("Mis en cause", exact=True)).to_have_value("Agence Immo Centre")  # nothing lost
    assert_accessible(page, context="referral file with errors")

    page.get_by_label(re.compile("La personne a donné son accord")).check()
    page.get_by_label("Comment l'accord a été recueilli").fill("au téléphone")
    page.get_by_role("button", name="Enregistrer et marquer prête à transmettre").click()
    expect(page.get_by_text("La saisine est prête à transmettre")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger en PDF").click()
    assert download.value.suggested_filename.startswith(f"saisine-{case.reference}-")
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert ReferralFile.objects.get(case=case).status == ReferralStatus.READY
