"""A person files a report and comes back to it, in a real browser."""

import re

from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible
from tests.e2e.helpers import answer_all_steps, no_horizontal_scroll, press, send_and_read_receipt


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
    expect(page.locator("main")).to_contain_text("il était soudain déjà loué")
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
    press(page, "Commencer")
    page.get_by_label("J'ai été témoin").check()
    press(page, "Continuer")
    page.get_by_label("Qui est en cause ? (facultatif)").fill("Le restaurant Chez Gaston")
    press(page, "Continuer")  # no narrative

    summary = page.locator("[data-module=error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    assert page.title().startswith("Erreur")
    expect(page.get_by_label("Qui est en cause ? (facultatif)")).to_have_value("Le restaurant Chez Gaston")
    assert_accessible(page, context="error state")

    summary.get_by_role("link").first.click()
    # a witness is asked about the person concerned
    expect(page.get_by_label("Racontez ce qui s'est passé pour la personne, avec vos mots")).to_be_focused()
    expect(page.get_by_role("group", name="La personne concernée sait-elle que vous faites ce signalement ?")).to_be_visible()

    page.reload()  # what was typed was saved, not only echoed back
    expect(page.get_by_label("Qui est en cause ? (facultatif)")).to_have_value("Le restaurant Chez Gaston")


def history_length(page) -> int:
    return page.evaluate("history.length")


def test_a_whole_report_is_one_entry_of_the_history(page, server_url, live_reference_data):
    page.goto(server_url + "/")
    page.get_by_role("link", name="Signaler une situation").first.click()
    expect(page.get_by_role("button", name="Commencer")).to_be_visible()
    entries = history_length(page)

    answer_all_steps(page, check=lambda page: assert_one_entry(page, entries))
    send_and_read_receipt(page)
    assert history_length(page) == entries  # before the fix: 13 more

    page.go_back()  # the page before the form, never a step nor a resubmission page
    expect(page).to_have_url(server_url + "/")


def assert_one_entry(page, entries):
    assert history_length(page) == entries, page.title()


def test_without_javascript_no_entry_of_the_history_posts_again(nojs_page, server_url, live_reference_data):
    page = nojs_page
    page.goto(server_url + "/formulaire/")
    answer_all_steps(page)
    send_and_read_receipt(page)
    posted_again = []
    page.on("request", lambda request: posted_again.append(request.url) if request.method == "POST" else None)

    while page.evaluate("history.length") > 1 and page.go_back() is not None:
        assert page.url.startswith(server_url), page.url  # never Chromium's "Confirm Form Resubmission"
        assert "Votre code de suivi" not in page.content()
    assert posted_again == []


def test_without_javascript_a_wrong_follow_up_code_is_not_posted_again_on_reload(nojs_page, server_url, live_reference_data):
    page = nojs_page
    page.goto(server_url + "/suivi/")
    page.get_by_label("Votre code de suivi").fill("0000 0000 0000 0000")
    page.get_by_role("button", name="Ouvrir mon suivi").click()
    expect(page.get_by_text("Ce code ne permet pas d'ouvrir un suivi.").first).to_be_visible()
    assert page.url == server_url + "/suivi/"
    posted_again = []
    page.on("request", lambda request: posted_again.append(request.url) if request.method == "POST" else None)

    page.reload()  # never Chromium's "Confirm Form Resubmission": the error came from a GET
    expect(page.get_by_label("Votre code de suivi")).to_have_value("")
    expect(page.get_by_text("Ce code ne permet pas d'ouvrir un suivi.")).to_have_count(0)
    assert posted_again == []


def leave_quickly_from_the_form(page, server_url, typed):
    page.goto(server_url + "/")
    page.get_by_role("link", name="Suivre mon signalement").first.click()
    expect(page.get_by_label("Votre code de suivi")).to_be_visible()
    page.goto(server_url + "/formulaire/")
    press(page, "Commencer")
    page.get_by_label("Je suis la personne concernée").check()
    press(page, "Continuer")
    page.get_by_label("Racontez ce qui s'est passé, avec vos mots").fill(typed)
    press(page, "Continuer")
    page.evaluate("sessionStorage.setItem('brouillon', 'x'); localStorage.setItem('brouillon', 'x')")

    page.get_by_role("link", name="Quitter rapidement").click()
    expect(page).to_have_title("Site neutre")


def test_after_a_quick_exit_back_never_shows_the_site_again(page, server_url, live_reference_data):
    leave_quickly_from_the_form(page, server_url, "Texte très personnel à cacher")

    # Back, as far as the history goes: every page of the site that comes back (start page,
    # home, follow-up, home) is replaced by the neutral site. Before: the start page, the
    # home page and the follow-up form showed again.
    backs = 0
    while page.go_back() is not None:
        backs += 1
        expect(page).to_have_title("Site neutre")
        assert "Texte très personnel à cacher" not in page.content()
        assert not page.url.startswith(server_url)
    assert backs == 2  # the home page, the follow-up page


def test_coming_back_on_purpose_after_a_quick_exit_shows_the_site(page, server_url, live_reference_data):
    leave_quickly_from_the_form(page, server_url, "Un autre texte")
    page.goto(server_url + "/formulaire/")  # typed again: the person wants the site
    expect(page.get_by_role("button", name="Commencer")).to_be_visible()  # a fresh start: the draft is gone
    assert page.evaluate("sessionStorage.length + localStorage.length") == 0  # cleared, the exit mark too


def test_the_advice_on_leaving_no_trace_is_next_to_the_exit_button(mobile_page, server_url, live_reference_data):
    page = mobile_page
    page.goto(server_url + "/formulaire/")
    bar = page.get_by_role("complementary", name="Sortie rapide")
    bar.get_by_role("link", name="Effacer mes traces").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Effacer mes traces sur cet appareil")
    no_horizontal_scroll(page)
    assert_accessible(page, context="safe browsing advice")


def test_pressing_shift_three_times_leaves_the_form(page, server_url, live_reference_data):
    page.goto(server_url + "/formulaire/")
    press(page, "Commencer")
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
