"""A coordinator: a case of her territory is closed by an adviser; its anonymised record
reaches the observatory, where she sees the exact figures of her territory and exports the
records; then the retention schedule and her team's answer library.

Apps crossed: casework (closure), observatory (record, dashboard, export, retention),
accounts (login with TOTP, the role that opens these pages), console (navigation). 1280 px.
"""

import csv
import io

from playwright.sync_api import expect

from recours.accounts.models import Role
from recours.observatory.models import AnonymisedRecord
from tests.e2e.axe import assert_accessible
from tests.e2e.helpers import DESKTOP, log_in, staff_page


def test_a_closed_case_reaches_the_coordinator_s_dashboard_and_export(
    new_page, server_url, live_reference_data, make_case, teams, make_staff
):
    case, _receipt = make_case(commune="44109", postal_code="44000")
    adviser, _device = make_staff("camille", teams["nantes"], first_name="Camille", last_name="Martin")
    coordinator, device = make_staff(
        "coordinatrice.44", teams["loire_atlantique"], role=Role.COORDINATOR, first_name="Nadia", last_name="Roussel"
    )

    # The adviser closes the case in the console.
    console = staff_page(new_page, adviser, server_url, **DESKTOP)
    console.goto(f"{server_url}/console/dossiers/{case.reference}/")
    panel = console.locator("#suivi")
    panel.locator("summary", has_text="Clore le dossier").click()  # the closing form is folded
    panel.get_by_label("Issue du dossier").select_option(label="information sur les droits donnée")
    panel.get_by_role("button", name="Clore le dossier").click()
    expect(console.locator("#suivi")).to_contain_text("Dossier clos le")
    [record] = AnonymisedRecord.objects.all()
    assert (record.departement, record.outcome) == ("44", "information")

    # The coordinator logs in and reaches the observatory from the console.
    page = new_page(**DESKTOP)
    log_in(page, server_url, coordinator, device)
    page.get_by_role("link", name="Observatoire", exact=True).click()
    expect(page).to_have_url(server_url + "/console/observatoire/extraits/")
    assert_accessible(page, context="observatory in the console")

    # The dashboard: the exact figures of her territory, this month included. The month is the
    # record's (the case's reception), not the clock's: the test may run across midnight at a
    # month's end, Paris time (CI runs at any hour).
    month = record.month.strftime("%Y-%m")
    page.goto(server_url + "/console/")
    page.get_by_role("link", name="Tableau de bord de l'observatoire").click()
    expect(page).to_have_url(server_url + "/observatoire/")
    page.get_by_label("Du mois").fill(month)
    page.get_by_label("Au mois").fill(month)
    page.select_option("#territoire", "44")
    page.get_by_role("button", name="Afficher").click()
    expect(page.get_by_text("Vous voyez les effectifs exacts de votre territoire")).to_be_visible()
    expect(page.locator("main")).to_contain_text("1 signalement au total.")
    assert_accessible(page, context="coordinator's dashboard")

    # The export of the anonymised records: hers, and nothing that names the person.
    exports = page.get_by_role("navigation", name="Télécharger les données")
    with page.expect_download() as download:
        exports.locator("li", has_text="Fiches anonymisées").get_by_role("link", name="CSV").click()
    with open(download.value.path(), encoding="utf-8") as file:
        text = file.read()
    [row] = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";")
    assert (row["departement"], row["outcome"], row["channel"]) == ("44", "information", "form")
    assert case.reference not in text and "refusé la visite" not in text

    # The retention schedule of her teams' cases.
    page.goto(server_url + "/console/observatoire/conservation/")
    expect(page.get_by_role("heading", name="Conservation des données", level=1)).to_be_visible()
    assert_accessible(page, context="retention schedule")

    # Her team's answer library: she adds an answer her advisers will be offered.
    page.goto(server_url + "/console/")
    page.get_by_role("link", name="Réponses types").click()
    page.get_by_role("link", name="Nouvelle réponse type").click()
    page.get_by_label("Titre").fill("Permanence juridique du département")
    page.get_by_label("Thème").select_option(label="orientation")
    page.get_by_label("Texte").fill("Bonjour,\n\nUne permanence juridique se tient chaque mardi à Nantes.\n\n{prenom_conseiller}, équipe {equipe}")
    page.get_by_label("Partagée avec").select_option(label="l'équipe Loire-Atlantique")
    assert_accessible(page, context="new team answer")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("La réponse type « Permanence juridique du département » est enregistrée.")).to_be_visible()
    expect(page.get_by_role("heading", name="Permanence juridique du département")).to_be_visible()
