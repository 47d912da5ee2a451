"""A victim on her phone: the home page offers the chat and the written form; she writes her
report with a document, keeps the receipt the page shows once, opens her follow-up page,
reads what an adviser answered from the console, and writes more, which the adviser reads.

Apps crossed: theme (home), chat (its entry), intake (form, receipt, follow-up), accounts
(console login with TOTP), casework (queue, case file, reply). At 375 px for her, 1280 px
for the adviser; axe on every page either of them sees.
"""

import re

from playwright.sync_api import expect

from recours.casework.models import Case
from recours.chat.services import presence_beat
from tests.e2e.axe import assert_accessible
from tests.e2e.helpers import (
    DESKTOP,
    MOBILE,
    answer_all_steps,
    log_in,
    no_horizontal_scroll,
    open_followup,
    send_and_read_receipt,
)
from tests.intake.files import PDF

NARRATIVE = "il était soudain déjà loué"


def test_a_victim_on_her_phone_reports_follows_up_reads_the_answer_and_writes_more(
    new_page, server_url, live_reference_data, chat_offered, always_open, teams, make_staff
):
    adviser, device = make_staff("juriste.44", teams["loire_atlantique"], first_name="Anne", last_name="Le Bihan")
    presence_beat(adviser)
    person = new_page(**MOBILE)

    # Home: two ways in, the chat (someone is online) and the written form.
    person.goto(server_url + "/")
    expect(person.get_by_role("region", name="Discuter en direct, par écrit")).to_contain_text("sont en ligne")
    no_horizontal_scroll(person)
    assert_accessible(person, context="home, 375 px")
    person.get_by_role("link", name="Signaler une situation").first.click()
    expect(person.get_by_role("button", name="Commencer")).to_be_visible()
    entries = person.evaluate("history.length")

    def check(page):
        no_horizontal_scroll(page)
        assert page.url == server_url + "/formulaire/"  # one address for every step
        assert_accessible(page, context=page.title() + ", 375 px")

    answer_all_steps(person, check=check, document={"name": "annonce.pdf", "mimeType": "application/pdf", "buffer": PDF})

    # The receipt: shown once, after a post/redirect/get that added no entry to the history.
    receipt = send_and_read_receipt(person)
    no_horizontal_scroll(person)
    assert_accessible(person, context="receipt, 375 px")
    assert person.evaluate("history.length") == entries
    person.reload()  # no "Confirm Form Resubmission", no second report, no receipt shown again
    expect(person.get_by_text(receipt)).to_have_count(0)
    assert Case.objects.count() == 1
    case = Case.objects.get()
    assert case.team == teams["loire_atlantique"]  # Clisson: the département's team

    open_followup(person, server_url, receipt)
    expect(person.get_by_text("Reçu : votre signalement attend d'être lu")).to_be_visible()
    expect(person.locator("main")).to_contain_text(NARRATIVE)
    expect(person.locator("main")).to_contain_text("annonce.pdf")
    no_horizontal_scroll(person)
    assert_accessible(person, context="follow-up, 375 px")

    # Hand-over to the console: the report is in the team's queue, the document in the case.
    console = new_page(**DESKTOP)
    log_in(console, server_url, adviser, device)
    console.get_by_role("link", name=re.compile("^Dossiers")).first.click()  # its count follows the label
    row = console.locator(f"#queue tr[data-reference='{case.reference}']")
    expect(row).to_contain_text("formulaire")
    assert_accessible(console, context="queue")
    row.get_by_role("link").first.click()
    expect(console.get_by_role("heading", name=re.compile(f"^Dossier {case.reference}"))).to_be_visible()
    expect(console.locator("main")).to_contain_text(NARRATIVE)
    expect(console.get_by_role("link", name=re.compile("annonce.pdf"))).to_be_visible()
    assert_accessible(console, context="case file")
    console.get_by_label("Répondre à la personne").fill(
        "Bonjour, ce refus peut être une discrimination. Gardez l'annonce et notez la date de l'appel."
    )
    console.get_by_role("button", name="Envoyer la réponse").click()
    expect(console.get_by_text("Votre réponse est envoyée")).to_be_visible()

    # Back to the person: the answer, and a status that says so.
    person.reload()
    expect(person.get_by_text("Gardez l'annonce et notez la date de l'appel.")).to_be_visible()
    expect(person.get_by_text("En cours : un·e conseiller·ère s'occupe de votre situation.")).to_be_visible()
    expect(person.get_by_text("Reçu : votre signalement attend d'être lu")).to_have_count(0)
    assert_accessible(person, context="follow-up with an answer, 375 px")
    person.get_by_label("Votre message").fill("J'ai gardé le SMS de l'agence, avec la date.")
    person.get_by_role("button", name="Envoyer le message").click()
    expect(person.get_by_text("Votre message est envoyé.")).to_be_visible()
    expect(person.get_by_text("J'ai gardé le SMS de l'agence, avec la date.")).to_be_visible()
    assert person.url == server_url + "/suivi/"
    no_horizontal_scroll(person)

    # And the adviser reads it in the case file.
    console.reload()
    expect(console.locator("main")).to_contain_text("J'ai gardé le SMS de l'agence, avec la date.")
