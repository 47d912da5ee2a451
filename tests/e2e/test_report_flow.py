"""A person files a report and comes back to it, in a real browser."""

import re

from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible


def no_horizontal_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url


def answer_all_steps(page, *, check=lambda page: None):
    """Answer every step as a person would; `check` runs on each step before it is answered."""
    check(page)
    page.get_by_role("button", name="Commencer").click()
    check(page)
    page.get_by_label("Je suis la personne concernée").check()
    page.get_by_role("button", name="Continuer").click()

    check(page)
    page.get_by_label("Racontez ce qui s'est passé, avec vos mots").fill(
        "Au téléphone, l'agence m'a dit que l'appartement était libre. Quand j'ai donné mon nom, "
        "il était soudain déjà loué."
    )
    page.get_by_role("button", name="Continuer").click()

    check(page)
    page.get_by_label("Dans un lieu, en France").check()
    page.get_by_label("Code postal").fill("44190")
    page.get_by_role("button", name="Continuer").click()
    check(page)  # the postal code covers several communes: the person picks one
    page.get_by_label("Clisson", exact=True).check()
    page.get_by_role("button", name="Continuer").click()

    check(page)
    page.get_by_label("Il y a moins d'un mois").check()
    page.get_by_role("button", name="Continuer").click()

    check(page)
    page.get_by_label("Le nom de famille").check()
    page.get_by_role("button", name="Continuer").click()

    check(page)
    page.get_by_label("Le logement").check()
    page.get_by_role("button", name="Continuer").click()

    check(page)
    page.get_by_label("Rien pour l'instant").check()
    page.get_by_role("button", name="Continuer").click()

    check(page)
    page.get_by_label("Non, je reste anonyme").check()
    page.get_by_role("button", name="Continuer").click()

    check(page)
    page.get_by_role("button", name="Continuer").click()  # no document

    check(page)
    page.get_by_label("J'accepte que ces informations soient utilisées pour traiter mon signalement.").check()
    page.get_by_role("button", name="Continuer").click()

    check(page)
    expect(page.get_by_role("heading", name="Vérifiez avant d'envoyer")).to_be_visible()


def send_and_read_receipt(page) -> str:
    page.get_by_role("button", name="Envoyer mon signalement").click()
    expect(page.get_by_role("heading", name="Votre signalement est envoyé")).to_be_visible()
    receipt = page.locator("#receipt-code").inner_text().strip()
    assert re.fullmatch(r"\d{4} \d{4} \d{4} \d{4}", receipt)
    return receipt


def test_a_report_is_filed_on_a_phone_and_followed_up_with_its_receipt(mobile_page, server_url, live_reference_data):
    page = mobile_page
    page.goto(server_url + "/")
    page.get_by_role("link", name="Signaler une situation").first.click()

    def check(page):
        no_horizontal_scroll(page)
        assert page.url == server_url + "/formulaire/"  # one address for every step
        assert_accessible(page, context=page.title())

    answer_all_steps(page, check=check)
    receipt = send_and_read_receipt(page)
    assert_accessible(page, context="receipt")

    page.goto(server_url + "/suivi/")
    assert_accessible(page, context="follow-up login")
    page.get_by_label("Votre code de suivi").fill(receipt)
    page.get_by_role("button", name="Ouvrir mon suivi").click()
    expect(page.get_by_text("Reçu : votre signalement attend d'être lu")).to_be_visible()
    assert "il était soudain déjà loué" in page.content()
    no_horizontal_scroll(page)
    assert_accessible(page, context="follow-up")

    page.get_by_label("Votre message").fill("J'ai gardé le SMS de l'agence.")
    page.get_by_role("button", name="Envoyer le message").click()
    expect(page.get_by_text("Votre message est envoyé.")).to_be_visible()
    expect(page.get_by_text("J'ai gardé le SMS de l'agence.")).to_be_visible()
    assert page.url == server_url + "/suivi/"


def test_the_form_works_without_javascript(nojs_page, server_url, live_reference_data):
    page = nojs_page
    page.goto(server_url + "/formulaire/")
    answer_all_steps(page)
    receipt = send_and_read_receipt(page)

    page.goto(server_url + "/suivi/")
    page.get_by_label("Votre code de suivi").fill(receipt.replace(" ", ""))
    page.get_by_role("button", name="Ouvrir mon suivi").click()
    expect(page.get_by_text("Pas encore de réponse")).to_be_visible()


def test_a_validation_error_keeps_what_was_typed(page, server_url, live_reference_data):
    page.goto(server_url + "/formulaire/")
    page.get_by_role("button", name="Commencer").click()
    page.get_by_label("J'ai été témoin").check()
    page.get_by_role("button", name="Continuer").click()
    page.get_by_label("Qui est en cause ? (facultatif)").fill("Le restaurant Chez Gaston")
    page.get_by_role("button", name="Continuer").click()  # no narrative

    summary = page.locator("[data-module=error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    assert page.title().startswith("Erreur")
    expect(page.get_by_label("Qui est en cause ? (facultatif)")).to_have_value("Le restaurant Chez Gaston")
    assert_accessible(page, context="error state")

    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Racontez ce qui s'est passé, avec vos mots")).to_be_focused()

    page.reload()  # what was typed was saved, not only echoed back
    expect(page.get_by_label("Qui est en cause ? (facultatif)")).to_have_value("Le restaurant Chez Gaston")


def test_quick_exit_leaves_no_trace_of_the_report(page, server_url, live_reference_data):
    page.goto(server_url + "/")
    page.get_by_role("link", name="Signaler une situation").first.click()
    page.get_by_role("button", name="Commencer").click()
    page.get_by_label("Je suis la personne concernée").check()
    page.get_by_role("button", name="Continuer").click()
    page.get_by_label("Racontez ce qui s'est passé, avec vos mots").fill("Texte très personnel à cacher")
    page.get_by_role("button", name="Continuer").click()
    page.evaluate("sessionStorage.setItem('brouillon', 'x'); localStorage.setItem('brouillon', 'x')")

    page.get_by_role("link", name="Quitter rapidement").click()
    expect(page).to_have_title("Site neutre")

    # Back shows at most the start page: no question, nothing typed (the draft went with the session).
    page.go_back()
    content = page.content()
    assert "Texte très personnel à cacher" not in content
    assert "Racontez ce qui s'est passé" not in content
    assert "Qui êtes-vous" not in content
    assert page.locator("textarea, input[type=radio], input[type=text]").count() == 0
    assert page.evaluate("sessionStorage.length + localStorage.length") == 0


def test_pressing_shift_three_times_leaves_the_form(page, server_url, live_reference_data):
    page.goto(server_url + "/formulaire/")
    page.get_by_role("button", name="Commencer").click()
    page.get_by_label("Je suis la personne concernée").focus()
    page.wait_for_selector("#quick-exit-hint:not([hidden])", state="attached")  # the quick exit script listens
    for _ in range(3):
        page.keyboard.press("Shift")
    expect(page).to_have_title("Site neutre")


def test_a_wrong_receipt_is_refused_accessibly(page, server_url, live_reference_data):
    page.goto(server_url + "/suivi/")
    page.get_by_label("Votre code de suivi").fill("1234")
    page.get_by_role("button", name="Ouvrir mon suivi").click()
    expect(page.get_by_text("Le code de suivi compte 16 chiffres").first).to_be_visible()
    assert_accessible(page, context="follow-up error")
