"""The observatory's dashboard in a real browser: filters, charts with their tables, axe."""

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible


@pytest.fixture
def records(live_reference_data):
    from recours.observatory.models import AnonymisedRecord, Stage
    from recours.observatory.services import rollup_apply

    from tests.observatory.helpers import last_month

    month = last_month()  # the public figures show complete months only
    made = []
    for count, fields in [
        (40, {"departement": "44", "region": "52", "channel": "form", "domain": "logement", "criteria": ["origine"]}),
        (25, {"departement": "75", "region": "11", "channel": "phone", "domain": "emploi_prive", "criteria": ["sexe", "age"]}),
        (3, {"departement": "44", "region": "52", "channel": "chat", "domain": "sante", "criteria": ["handicap"]}),
        (30, {"departement": "75", "region": "11", "channel": "form", "domain": "logement", "criteria": ["origine"]}),
        (20, {"departement": "44", "region": "52", "channel": "phone", "domain": "emploi_prive", "criteria": ["sexe"]}),
        (15, {"departement": "75", "region": "11", "channel": "form", "domain": "sante", "criteria": ["handicap"]}),
    ]:
        for _ in range(count):
            made.append(AnonymisedRecord.objects.create(
                stage=Stage.CLOSED, month=month, reporter_role="victime", outcome="orientation",
                days_to_first_answer=2, days_to_closure=15, **fields,
            ))
    rollup_apply(made)
    return made


def test_the_dashboard_filters_by_territory_and_channel_and_is_accessible(page, server_url, records, browser_log):
    response = page.goto(server_url + "/observatoire/")
    assert response.status == 200
    expect(page.locator("h1")).to_have_text("Observatoire des discriminations")
    from tests.observatory.helpers import published

    expect(page.locator("main")).to_contain_text(f"{published(records)} signalements au total")
    expect(page.locator("#graphique-carte-title")).to_have_count(1)
    expect(page.locator("#tableau-territoire")).to_contain_text("Loire-Atlantique")
    assert_accessible(page, context="observatory, all")

    page.select_option("#territoire", "44")
    page.select_option("#canal", "form")
    page.get_by_role("button", name="Afficher").click()
    form_44 = [r for r in records if r.departement == "44" and r.channel == "form"]
    expect(page.locator("main")).to_contain_text(f"{published(form_44)} signalements au total")
    assert "territoire=44" in page.url and "canal=form" in page.url
    expect(page.locator("#territoire")).to_have_value("44")
    assert_accessible(page, context="observatory, Loire-Atlantique, form")

    page.select_option("#canal", "chat")
    page.get_by_role("button", name="Afficher").click()
    # three reports by chat: below the threshold, hidden
    expect(page.locator("main")).not_to_contain_text("3 signalements au total")
    expect(page.locator("#tableau-territoire abbr").first).to_have_text("s")
    assert browser_log.page_errors == []


def test_the_yearly_report_is_accessible(page, server_url, records):
    from tests.observatory.helpers import last_month

    year = last_month().year  # the year of the records
    response = page.goto(f"{server_url}/observatoire/rapport/{year}/")
    assert response.status == 200
    expect(page.locator("h1")).to_contain_text(str(year))
    assert_accessible(page, context="yearly report")


def test_an_adviser_reviews_a_scrubbed_excerpt_in_the_console(new_page, server_url, live_reference_data):
    """Close a case, open its excerpt in the console: placeholders, not the person's data; approve it."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from recours.accounts.models import TeamKind
    from recours.accounts.services import staff_user_create, team_create
    from recours.casework.services import ReportInput, case_close, case_create_from_report
    from recours.observatory.models import AnonymisedRecord, Stage
    from recours.observatory.services import record_save_for_case
    from tests.accounts.helpers import PASSWORD
    from tests.e2e.helpers import log_in

    team = team_create(name="Loire-Atlantique", kind=TeamKind.DEPARTEMENT, departement_id="44")
    adviser = staff_user_create(username="juriste.obs", password=PASSWORD, team=team)
    device = TOTPDevice.objects.create(user=adviser, name="téléphone", confirmed=True)
    case, _receipt = case_create_from_report(report=ReportInput(
        role="victime", narrative="Je m'appelle Karim Benali, l'agence m'a refusé la visite. Tel 06 12 34 56 78.",
        postal_code="44000", commune="44109", period="mois", criteria=("patronyme",), domain="logement",
    ))
    case_close(case=case, outcome="information", actor=adviser)
    if not AnonymisedRecord.objects.exists():  # made by the case_closed receiver after commit; else here
        record_save_for_case(case=case, stage=Stage.CLOSED)

    from recours.observatory.scrub import get_engine

    get_engine()  # built once per process (seconds): the live server runs in this process
    page = new_page()
    log_in(page, server_url, adviser, device)
    page.get_by_role("link", name="Observatoire").first.click()
    page.get_by_role("link", name=f"Dossier {case.reference}").click()
    excerpt = page.get_by_label("Extrait anonymisé")
    expect(excerpt).to_contain_text("[NOM]")
    expect(excerpt).not_to_contain_text("Benali")
    assert_accessible(page, context="excerpt review")
    excerpt.fill("L'agence m'a refusé la visite.")
    page.get_by_role("button", name="Valider l'extrait").click()
    expect(page.locator("main")).to_contain_text("Aucun extrait à relire")
    assert AnonymisedRecord.objects.get().excerpt == "L'agence m'a refusé la visite."


def test_a_coordinator_reads_the_retention_schedule(new_page, server_url, live_reference_data):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from recours.accounts.models import Role, TeamKind
    from recours.accounts.services import staff_user_create, team_create
    from tests.accounts.helpers import PASSWORD
    from tests.e2e.helpers import log_in

    team = team_create(name="Loire-Atlantique", kind=TeamKind.DEPARTEMENT, departement_id="44")
    coordinator = staff_user_create(username="coordination.obs", password=PASSWORD, team=team, role=Role.COORDINATOR)
    device = TOTPDevice.objects.create(user=coordinator, name="téléphone", confirmed=True)
    page = new_page()
    log_in(page, server_url, coordinator, device)
    page.get_by_role("link", name="Observatoire").first.click()
    page.get_by_role("link", name="Conservation des données et purge (coordination)").click()
    expect(page.locator("#retention-durations")).to_contain_text("hors champ")
    assert_accessible(page, context="retention")


def test_the_dashboard_on_a_phone_keeps_its_wide_tables_reachable_by_keyboard(mobile_page, server_url, records):
    page = mobile_page
    page.goto(server_url + "/observatoire/")
    expect(page.locator("#tableau-territoire")).to_contain_text("Loire-Atlantique")
    # A table wider than the screen scrolls in its own region: focusable and named by its caption.
    assert_accessible(page, context="observatory at 375 px")  # before: scrollable-region-focusable
    region = page.get_by_role("region", name="Signalements par département et par domaine")
    expect(region).to_have_attribute("tabindex", "0")
