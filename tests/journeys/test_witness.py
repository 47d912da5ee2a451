"""A witness: the form's witness path (questions about the person concerned, and whether she
knows), the receipt, the case file where the adviser reads all of it, a transfer from the
city's team to the national team, and the words the witness then reads on her follow-up page.

Apps crossed: intake (form, receipt, follow-up), accounts (console login with TOTP),
casework (queue, case file, transfer). 375 px for the witness, 1280 px for the console.
"""

import re

from playwright.sync_api import expect

from recours.casework.models import Case
from tests.e2e.axe import assert_accessible
from tests.e2e.helpers import DESKTOP, MOBILE, log_in, no_horizontal_scroll, open_followup, press, send_and_read_receipt

RESPONDENT = "La boulangerie du marché de Talensac"
NARRATIVE = "La vendeuse a refusé de servir une cliente voilée et lui a demandé de sortir."


def answer_as_a_witness(page):
    """The witness path of the form, axe and the phone's width checked on every step."""

    def check():
        no_horizontal_scroll(page)
        assert_accessible(page, context=page.title() + ", witness, 375 px")

    check()
    press(page, "Commencer")
    check()
    page.get_by_label("J'ai été témoin").check()
    press(page, "Continuer")

    check()
    page.get_by_label("Racontez ce qui s'est passé pour la personne, avec vos mots").fill(NARRATIVE)
    page.get_by_label("Qui est en cause ? (facultatif)").fill(RESPONDENT)
    page.get_by_role("group", name="La personne concernée sait-elle que vous faites ce signalement ?").get_by_label(
        "Non, elle ne le sait pas"
    ).check()
    press(page, "Continuer")

    check()
    page.get_by_label("Dans un lieu, en France").check()
    page.get_by_label("Code postal").fill("44000")
    press(page, "Continuer")

    check()
    page.get_by_label("Il y a moins d'un mois").check()
    press(page, "Continuer")

    check()
    page.get_by_label("La religion").check()
    press(page, "Continuer")

    check()
    page.get_by_label("Un commerce ou un service").check()
    press(page, "Continuer")

    check()
    page.get_by_label("Rien pour l'instant").check()
    press(page, "Continuer")

    check()
    page.get_by_label("Non, je reste anonyme").check()
    press(page, "Continuer")

    check()
    press(page, "Continuer")  # no document

    check()
    page.get_by_label("J'accepte que ces informations soient utilisées pour traiter mon signalement.").check()
    press(page, "Continuer")
    expect(page.get_by_role("heading", name="Vérifiez avant d'envoyer")).to_be_visible()
    expect(page.locator("main")).to_contain_text(RESPONDENT)
    check()


def test_a_witness_reports_and_reads_the_right_words_after_a_transfer_to_the_national_team(
    new_page, server_url, live_reference_data, teams, make_staff
):
    camille, camille_device = make_staff("camille", teams["nantes"], first_name="Camille", last_name="Martin")
    sarah, sarah_device = make_staff("sarah", teams["national"], first_name="Sarah", last_name="Benali")

    witness = new_page(**MOBILE)
    witness.goto(server_url + "/formulaire/")
    answer_as_a_witness(witness)
    receipt = send_and_read_receipt(witness)
    assert_accessible(witness, context="witness's receipt, 375 px")
    case = Case.objects.get()
    assert case.team == teams["nantes"]

    open_followup(witness, server_url, receipt)
    expect(witness.get_by_text("Reçu : votre signalement attend d'être lu")).to_be_visible()
    no_horizontal_scroll(witness)
    assert_accessible(witness, context="witness's follow-up, 375 px")

    # The city's adviser reads everything the witness wrote, then hands the case to the national team.
    console = new_page(**DESKTOP)
    log_in(console, server_url, camille, camille_device)
    console.goto(server_url + "/console/dossiers/")
    console.locator(f"#queue tr[data-reference='{case.reference}']").get_by_role("link").first.click()
    main = console.locator("main")
    expect(main).to_contain_text(NARRATIVE)
    expect(main).to_contain_text(RESPONDENT)
    expect(main).to_contain_text("Non, elle ne le sait pas")
    assert_accessible(console, context="a witness's case file")
    console.get_by_text("Transférer à une autre équipe").click()
    form = console.locator("#autres-equipes")
    form.get_by_label("Équipe", exact=True).first.select_option(label=teams["national"].name)
    form.get_by_label("Note de transfert").fill("Un commerce : avis du pôle national sur le refus de vente.")
    form.get_by_role("button", name="Transférer le dossier").click()
    expect(console.get_by_text(f"Le dossier {case.reference} est transféré")).to_be_visible()

    # The witness reads where her report went, in the words of that direction.
    witness.reload()
    expect(witness.get_by_text("Votre situation a été confiée à l'équipe nationale, qui prend la suite.")).to_be_visible()
    expect(witness.get_by_text("plus proche de chez vous")).to_have_count(0)
    assert_accessible(witness, context="witness's follow-up after a transfer, 375 px")

    # The national team finds it, with the note.
    national = new_page(**DESKTOP)
    log_in(national, server_url, sarah, sarah_device)
    national.goto(server_url + "/console/dossiers/")
    national.locator(f"#queue tr[data-reference='{case.reference}']").get_by_role("link").first.click()
    expect(national.get_by_role("heading", name=re.compile(f"^Dossier {case.reference}"))).to_be_visible()
    expect(national.locator("#autres-equipes")).to_contain_text("avis du pôle national sur le refus de vente")
    expect(national.locator("main")).to_contain_text(RESPONDENT)
