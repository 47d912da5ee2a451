"""The partner space in a real browser: a member files a report with a person and follows it;
a hand-over goes through the inbox to "help given"; axe on every page of the space."""

import re
import time

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from recours.accounts.otp import totp_token
from recours.casework.models import Case, Channel
from recours.casework.orientation import orientation_record
from recours.casework.services import case_close, case_create_from_report, case_message_to_partner
from recours.directory.models import Service, Structure
from recours.partners import services
from tests.accounts.helpers import PASSWORD
from tests.e2e.axe import assert_accessible
from tests.e2e.helpers import answer_all_steps, press
from tests.directory.local import directory_local_load

pytestmark = pytest.mark.e2e

HANDI = "recours-demo--handi-droits-44"


@pytest.fixture
def member(live_reference_data):
    directory_local_load()
    partner = services.partner_create(structure=Structure.objects.get(di_id=HANDI), actor=None)
    _invitation, token = services.invitation_create(partner=partner, email="relais@example.org", actor=None, is_admin=True)
    user = services.invitation_accept(token=token, username="relais.handi", password=PASSWORD, first_name="Inès")
    device = TOTPDevice.objects.create(user=user, name="téléphone", confirmed=True)
    return user, device


def log_in(page, server_url, user, device):
    page.goto(server_url + "/partenaires/connexion/")
    assert_accessible(page, context="partner login")
    page.get_by_label("Identifiant").fill(user.username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_label("Code de votre application d'authentification").fill(totp_token(device.key, at=time.time()))
    page.get_by_role("button", name=re.compile("Se connecter")).click()
    expect(page).to_have_url(server_url + "/partenaires/")


def test_a_partner_files_a_report_for_a_person_and_follows_it(new_page, server_url, member, teams, make_staff):  # noqa: F811
    user, device = member
    adviser, _device = make_staff("conseillere.nantes", teams["loire_atlantique"])
    page = new_page()
    log_in(page, server_url, user, device)
    assert_accessible(page, context="partner home")
    page.get_by_role("link", name="Commencer un signalement").click()
    assert_accessible(page, context="consent")
    page.get_by_label("Je le remplis avec la personne, présente").check()
    page.get_by_label(re.compile("^Oui : notre structure voit")).check()
    page.get_by_label("seulement par l'intermédiaire du partenaire").check()
    page.get_by_label(re.compile("La personne a donné son accord")).check()
    page.get_by_role("button", name="Commencer le signalement").click()
    expect(page).to_have_url(server_url + "/partenaires/signaler/etapes/")

    def check(page):
        assert page.url == server_url + "/partenaires/signaler/etapes/"  # one address, as the public form

    answer_all_steps(page, check=check, start=False)
    assert_accessible(page, context="summary")
    press(page, "Envoyer mon signalement")
    expect(page.get_by_role("heading", name="Le signalement est envoyé")).to_be_visible()
    receipt = page.locator("#receipt-code").inner_text().strip()
    assert re.fullmatch(r"\d{4} \d{4} \d{4} \d{4}", receipt)
    expect(page.locator("#receipt-spoken")).to_contain_text(" ")
    assert_accessible(page, context="receipt card")

    case = Case.objects.get()
    assert case.channel == Channel.PARTNER and case.contact_through_partner
    case_message_to_partner(case=case, body="Pouvez-vous nous envoyer l'annonce ?", actor=adviser)
    case_close(case=case, outcome="information", actor=adviser)

    page.goto(server_url + "/partenaires/dossiers/")
    assert_accessible(page, context="partner cases")
    page.get_by_role("link", name=case.reference).click()
    expect(page.locator("#partner-messages")).to_contain_text("Pouvez-vous nous envoyer l'annonce ?")
    expect(page.locator("#case-outcome")).to_contain_text("information sur les droits donnée")
    assert_accessible(page, context="partner case")

    person = new_page()  # the person, alone, with her own code
    person.goto(server_url + "/suivi/")
    person.get_by_label("Votre code de suivi").fill(receipt)
    person.get_by_role("button", name="Ouvrir mon suivi").click()
    expect(person.get_by_role("heading", name="Suivi de votre signalement")).to_be_visible()


def test_the_inbox_flow_from_hand_over_to_help_given(new_page, server_url, member, report_input, teams, make_staff):  # noqa: F811
    user, device = member
    case, _receipt = case_create_from_report(report=report_input(
        commune="44109", postal_code="44000", criteria=("handicap",), domain="emploi_prive",
    ), channel=Channel.PHONE)
    [orientation] = orientation_record(
        case=case, services=[Service.objects.filter(structure__di_id=HANDI).first()], actor=None, hand_over=True,
        consent=True, shared=["grounds", "place"], message="Merci de la recevoir rapidement.",
    )
    page = new_page()
    log_in(page, server_url, user, device)
    expect(page.locator("#inbox-summary")).to_contain_text("1 orientation attend votre réponse")
    page.get_by_role("link", name="Voir les orientations").click()
    assert_accessible(page, context="inbox")
    page.locator("#inbox tbody a").first.click()
    expect(page.get_by_text("Merci de la recevoir rapidement.")).to_be_visible()
    assert_accessible(page, context="orientation")
    page.get_by_role("button", name="Accuser réception").click()
    expect(page.locator("#orientation-status")).to_contain_text("reçue par la structure")
    page.get_by_label("Un mot pour l'équipe").fill("Premier rendez-vous mardi à 10 h.")
    page.get_by_role("button", name="Accepter l'orientation").click()
    expect(page.locator("#orientation-status")).to_contain_text("acceptée par la structure")
    page.get_by_role("button", name="Indiquer que l'aide a été apportée").click()
    expect(page.locator("#orientation-status")).to_contain_text("aide apportée par la structure")
    assert_accessible(page, context="orientation helped")
    orientation.refresh_from_db()
    assert orientation.helped_at is not None


def test_the_pages_of_keys_arrivals_and_api_docs_are_accessible(new_page, server_url, member, teams, make_staff):  # noqa: F811
    user, device = member
    page = new_page()
    log_in(page, server_url, user, device)
    page.get_by_role("link", name="Clés d'API").click()
    page.get_by_label("Nom de la clé").fill("Logiciel de suivi")
    page.get_by_label("suivre les signalements déposés").check()
    page.get_by_role("button", name="Créer la clé").click()
    expect(page.locator("#new-key")).to_contain_text("rcp_")
    assert_accessible(page, context="api keys")
    page.goto(server_url + "/partenaires/signalements/nouveau/")
    assert_accessible(page, context="partner arrival")
    page.goto(server_url + "/api/v1/docs")
    expect(page.get_by_role("heading", name="Documentation de l'API")).to_be_visible()
    assert_accessible(page, context="api docs")


def test_a_relays_quick_intake_on_a_phone(new_page, server_url, member):
    from tests.e2e.helpers import MOBILE
    from tests.e2e.helpers import no_horizontal_scroll

    user, device = member
    page = new_page(**MOBILE)
    log_in(page, server_url, user, device)
    page.get_by_role("link", name=re.compile("Recueil rapide sur le terrain")).click()

    def check(context):
        no_horizontal_scroll(page)
        assert page.url == server_url + "/partenaires/terrain/"
        assert_accessible(page, context=context)

    check("quick consent")
    page.get_by_label("Je le remplis avec la personne, présente").check()
    page.get_by_label(re.compile("^Non : notre structure ne voit rien")).check()
    page.get_by_label("directement, avec les coordonnées qu'elle donne").check()
    page.get_by_label(re.compile("La personne a donné son accord")).check()
    press(page, "Commencer")
    check("quick role")
    page.get_by_label("Je suis la personne concernée").check()
    press(page, "Continuer")
    check("quick what")
    page.get_by_label("Racontez ce qui s'est passé, avec vos mots").fill("Refus d'entrée à la salle de sport à cause de mon voile.")
    press(page, "Continuer")
    check("quick where")
    page.get_by_label("Dans un lieu, en France").check()
    page.get_by_label("Code postal").fill("44000")
    press(page, "Continuer")
    check("quick contact")
    page.get_by_label("Oui, je laisse un moyen de me joindre").check()
    page.get_by_label("Téléphone (facultatif)").fill("06 12 34 56 78")
    press(page, "Continuer")
    expect(page.get_by_role("heading", name="Le signalement est envoyé")).to_be_visible()
    no_horizontal_scroll(page)
    assert_accessible(page, context="quick receipt")
    assert Case.objects.get().details.get("intake") == "quick"


def test_the_console_pages_for_partners_letters_and_imports_are_accessible(new_page, server_url, member, teams, make_staff):  # noqa: F811
    from recours.accounts.models import Role

    coordinator, device = make_staff("coordination.nationale", teams["national"], role=Role.COORDINATOR)
    page = new_page()
    page.goto(server_url + "/console/connexion/")
    page.get_by_label("Identifiant").fill(coordinator.username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_label("Code de votre application d'authentification").fill(totp_token(device.key, at=time.time()))
    page.get_by_role("button", name=re.compile("Se connecter")).click()
    expect(page).to_have_url(server_url + "/console/")
    for url, context in (("/console/partenaires/", "console partners"), ("/console/signalements/nouveau/", "staff arrival"),
                         ("/console/annuaire/import/", "directory import")):
        page.goto(server_url + url)
        expect(page.locator("h1")).to_be_visible()
        assert_accessible(page, context=context)
