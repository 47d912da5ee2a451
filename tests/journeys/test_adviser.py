"""An adviser's day with one case: the console's login with a TOTP code, the queue, the case
file, the qualification, a reply from the library, an orientation with a hand-over the person
confirms on her follow-up page, the referral file, and the closure with its recap mail.

Apps crossed: accounts (login, TOTP), casework (queue, case file, qualification, reply,
orientation, referral file, closure, recap mail), directory (the services found), intake (the
person's follow-up page). 1280 px for the console, 375 px for the person.
"""

import re

from django.core import mail
from playwright.sync_api import expect

from recours.casework.models import ReferralFile, ReferralStatus, Status
from recours.casework.services import answer_templates_load
from tests.e2e.axe import assert_accessible
from tests.e2e.helpers import DESKTOP, MOBILE, log_in, open_followup

NARRATIVE = "On refuse d'aménager mon poste depuis mon retour d'arrêt maladie."


def test_an_adviser_qualifies_answers_orients_prepares_the_referral_and_closes(
    new_page, server_url, live_reference_data, directory, make_case, teams, make_staff
):
    answer_templates_load()
    case, receipt = make_case(
        commune="44109", postal_code="44000", criteria=("handicap",), plain_grounds=("handicap",),
        domain="emploi_prive", narrative=NARRATIVE, contact={"name": "Samira", "email": "samira@example.org"}, notify_by_email=True,
    )
    adviser, device = make_staff("juriste.nantes", teams["nantes"], first_name="Léa", last_name="Morel")

    # Login with the password and the code of the authentication app.
    console = new_page(**DESKTOP)
    log_in(console, server_url, adviser, device)
    assert_accessible(console, context="console home")

    # The queue, then the case file.
    console.get_by_role("link", name=re.compile("^Dossiers")).first.click()  # its count follows the label
    row = console.locator(f"#queue tr[data-reference='{case.reference}']")
    expect(row).to_contain_text("formulaire")
    assert_accessible(console, context="queue")
    row.get_by_role("link").first.click()
    expect(console.get_by_role("heading", name=re.compile(f"^Dossier {case.reference}"))).to_be_visible()
    expect(console.locator("main")).to_contain_text(NARRATIVE)
    assert_accessible(console, context="case file")

    # Qualify: the reported criterion is already checked.
    qualification = console.locator("#qualification")
    qualification.get_by_text("Qualifier le dossier").click()  # the form folds under the summary
    expect(qualification.get_by_label("Handicap", exact=True)).to_be_checked()
    qualification.get_by_label("Domaine").select_option("emploi_prive")
    qualification.get_by_label("Type de situation").select_option(label="Discrimination")
    qualification.get_by_label("Mis en cause").select_option(label="employeur")
    qualification.get_by_label("Analyse juridique").fill("Refus d'aménagement raisonnable : art. L. 5213-6 du code du travail.")
    qualification.get_by_role("button", name="Enregistrer la qualification").click()
    expect(console.get_by_text("La qualification du dossier est enregistrée.")).to_be_visible()

    # Reply with a template of the library.
    console.get_by_label("Chercher une réponse type").fill("délais")
    console.get_by_role("button", name="Chercher", exact=True).click()
    console.get_by_role("link", name=re.compile("Insérer.*Les délais pour agir")).click()
    reply = console.get_by_label("Répondre à la personne")
    expect(reply).to_have_value(re.compile("Voici les délais à connaître"))
    console.get_by_role("button", name="Envoyer la réponse").click()
    expect(console.get_by_text("Votre réponse est envoyée")).to_be_visible()
    expect(console.locator("#timeline")).to_contain_text("Dossier qualifié")

    # Orientation: a service of the directory, with a hand-over the person must confirm.
    console.get_by_role("link", name="Orienter vers une structure").click()
    expect(console.get_by_role("heading", name=re.compile("Services pour Nantes"))).to_be_visible()
    assert_accessible(console, context="orientation")
    console.get_by_label(re.compile("Choisir Permanence accès aux droits et handicap")).check()
    console.get_by_label(re.compile("Transmettre aussi à la structure")).check()
    console.get_by_label("les motifs et le domaine").check()
    console.get_by_label("Message à la structure (facultatif)").fill("La personne préfère être appelée le matin.")
    console.get_by_role("button", name="Enregistrer l'orientation").click()
    expect(console.locator("#orientation")).to_contain_text("en attente de l'accord de la personne")

    # Hand-over: the person reads the answer and confirms on her follow-up page.
    person = new_page(**MOBILE)
    open_followup(person, server_url, receipt)
    expect(person.get_by_text("Voici les délais à connaître")).to_be_visible()
    proposal = person.locator("section", has=person.get_by_role("heading", name="Votre accord est demandé"))
    expect(proposal).to_contain_text("Permanence accès aux droits et handicap")
    assert_accessible(person, context="follow-up with a hand-over to confirm, 375 px")
    proposal.get_by_role("button", name="J'accepte la transmission").click()
    expect(person.get_by_text("votre situation est transmise à la structure")).to_be_visible()
    console.reload()
    expect(console.locator("#orientation")).to_contain_text("accord donné par la personne sur sa page de suivi")

    # The referral file, pre-filled from the case.
    console.get_by_role("link", name="Préparer une saisine").click()
    expect(console.get_by_label("Exposé des faits")).to_have_value(re.compile("aménager mon poste"))
    expect(console.get_by_label("Prénom")).to_have_value("Samira")
    assert_accessible(console, context="referral file")
    console.get_by_label("Nom de famille").fill("Benali")
    console.get_by_label("Adresse postale").fill("3 rue de Strasbourg, 44000 Nantes")
    console.get_by_label("Mis en cause", exact=True).fill("Société Atlantique Logistique")
    console.get_by_label("Pièces et preuves").fill("- Courriel du refus")
    console.get_by_label(re.compile("La personne a donné son accord")).check()
    console.get_by_label("Comment l'accord a été recueilli").fill("au téléphone")
    console.get_by_role("button", name="Enregistrer et marquer prête à transmettre").click()
    expect(console.get_by_text("La saisine est prête à transmettre")).to_be_visible()
    assert ReferralFile.objects.get(case=case).status == ReferralStatus.READY

    # Closure, with the recap mail to the person.
    console.goto(f"{server_url}/console/dossiers/{case.reference}/")
    panel = console.locator("#suivi")
    panel.locator("summary", has_text="Clore le dossier").click()  # the closing form is folded
    panel.get_by_label("Issue du dossier").select_option(label="orientation vers une structure")
    panel.get_by_role("button", name="Clore le dossier").click()
    expect(console.locator("#suivi")).to_contain_text("Dossier clos le")
    assert_accessible(console, context="closed case file")
    case.refresh_from_db()
    assert case.status == Status.CLOSED
    to_her = [m for m in mail.outbox if m.to == ["samira@example.org"]]
    [recap] = [m for m in to_her if "Les contacts que nous vous avons donnés" in m.body]
    assert "Permanence accès aux droits et handicap" in recap.body
    assert not [m for m in to_her if "Voici les délais à connaître" in m.body]  # a mail never carries the answer

    person.reload()
    expect(person.get_by_text("Clos : vous pouvez encore écrire si la situation évolue.")).to_be_visible()
