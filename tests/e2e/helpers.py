"""What the browser tests do again and again, as a person or a member of staff would do it.

Screens
  DESKTOP, MOBILE           context options: 1280x900, and a 375 px phone
  no_horizontal_scroll      nothing sticks out at the side of the page
Console
  log_in                    the console's login form, the TOTP code computed from the device's key
  staff_page                a page already logged in with both factors (a session cookie)
Report form and follow-up
  press                     a button of the form, waiting for the page it leads to
  answer_all_steps          a victim's report, step by step
  send_and_read_receipt     sends the report; returns the receipt as shown ("1234 5678 …")
  open_followup             the follow-up page opened with a receipt
Chat
  start_chat, send          the visitor's start form (postal code), a message in the chat box
Server side
  wait_until                until a condition on the database holds (what a server thread writes)

Every wait is on something the page shows (expect, expect_navigation), never a fixed delay.
"""

from __future__ import annotations

import re
import time

from playwright.sync_api import expect

DESKTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "fr-FR"}
MOBILE = {
    "viewport": {"width": 375, "height": 812},
    "locale": "fr-FR",
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}
RECEIPT_SHAPE = re.compile(r"^\d{4} \d{4} \d{4} \d{4}$")


def no_horizontal_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url


# The console -------------------------------------------------------------------------------

def log_in(page, server_url, user, device):
    """The console's login form, with the password and the code computed from the device's key."""
    from recours.accounts.otp import totp_token
    from tests.accounts.helpers import PASSWORD

    page.goto(server_url + "/console/connexion/")
    page.get_by_label("Identifiant").fill(user.username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_label("Code de votre application d'authentification").fill(totp_token(device.key, at=time.time()))
    page.get_by_role("button", name=re.compile("Se connecter")).click()
    expect(page).to_have_url(server_url + "/console/")


def staff_cookie(user, url: str) -> dict:
    """The session cookie of `user` logged in with both factors, for a browser context."""
    from django.conf import settings
    from django.test import Client

    from tests.accounts.helpers import log_in_verified

    client = Client()
    log_in_verified(client, user)
    return {"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value, "url": url}


def staff_page(new_page, user, server_url, **options):
    """A new desktop page of `user`, logged in with both factors without the login form."""
    page = new_page(**(options or DESKTOP))
    page.context.add_cookies([staff_cookie(user, server_url)])
    return page


# The report form and the follow-up ---------------------------------------------------------

def press(page, name):
    """Click a button of the form and wait for the page it leads to (with JavaScript, the
    form is sent by fetch and the answer loaded by location.replace: a navigation too).

    The page's deferred scripts have run before the click (DOMContentLoaded): a click that
    came first would send the form the ordinary way, one more entry of the history."""
    page.wait_for_load_state("domcontentloaded")
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def answer_all_steps(page, *, check=lambda page: None, document=None, start: bool = True):
    """Answer every step as a person would; `check` runs on each step before it is answered.

    `document`: a Playwright file payload ({"name", "mimeType", "buffer"}) added at the
    documents step (none by default). `start=False`: the page is already on the first step
    (the partner space has no start page)."""
    if start:
        check(page)
        press(page, "Commencer")
    check(page)
    page.get_by_label("Je suis la personne concernée").check()
    press(page, "Continuer")

    check(page)
    page.get_by_label("Racontez ce qui s'est passé, avec vos mots").fill(
        "Au téléphone, l'agence m'a dit que l'appartement était libre. Quand j'ai donné mon nom, "
        "il était soudain déjà loué."
    )
    press(page, "Continuer")

    check(page)
    page.get_by_label("Dans un lieu, en France").check()
    page.get_by_label("Code postal").fill("44190")
    press(page, "Continuer")
    check(page)  # the postal code covers several communes: the person picks one
    page.get_by_label("Clisson", exact=True).check()
    press(page, "Continuer")

    check(page)
    page.get_by_label("Il y a moins d'un mois").check()
    press(page, "Continuer")

    check(page)
    page.get_by_label("Le nom de famille").check()
    press(page, "Continuer")

    check(page)
    page.get_by_label("Le logement").check()
    press(page, "Continuer")

    check(page)
    page.get_by_label("Rien pour l'instant").check()
    press(page, "Continuer")

    check(page)
    page.get_by_label("Non, je reste anonyme").check()
    press(page, "Continuer")

    check(page)
    if document is not None:
        page.get_by_label("Ajouter un document (facultatif)").set_input_files(document)
        press(page, "Ajouter ce document")
        expect(page.get_by_role("heading", name="Documents ajoutés")).to_be_visible()
        expect(page.locator(".file-list")).to_contain_text(document["name"])
        check(page)
    press(page, "Continuer")  # no document, or the one added

    check(page)
    page.get_by_label("J'accepte que ces informations soient utilisées pour traiter mon signalement.").check()
    press(page, "Continuer")

    check(page)
    expect(page.get_by_role("heading", name="Vérifiez avant d'envoyer")).to_be_visible()


def send_and_read_receipt(page) -> str:
    press(page, "Envoyer mon signalement")
    expect(page.get_by_role("heading", name="Votre signalement est envoyé")).to_be_visible()
    receipt = page.locator("#receipt-code").inner_text().strip()
    assert RECEIPT_SHAPE.fullmatch(receipt)
    return receipt


def open_followup(page, server_url, receipt):
    """The follow-up page, opened with the receipt as the person typed it."""
    page.goto(server_url + "/suivi/")
    page.get_by_label("Votre code de suivi").fill(receipt)
    page.get_by_role("button", name="Ouvrir mon suivi").click()
    expect(page.get_by_role("button", name="Envoyer le message")).to_be_visible()


# The chat ----------------------------------------------------------------------------------

def start_chat(page, server_url, postal_code="44000", *, go=True):
    """The visitor's start form, from /tchat/ (or from the page already open when go=False)."""
    if go:
        page.goto(f"{server_url}/tchat/")
    page.get_by_label("Votre code postal").fill(postal_code)
    page.get_by_role("button", name="Commencer la conversation").click()
    expect(page.locator("#chat-status")).to_contain_text("Vous êtes en attente")


def send(page, text):
    """A message typed in the chat box and sent (the visitor's or the adviser's page).

    The chat's script has run before the click (DOMContentLoaded, after the deferred scripts):
    the adviser's box is shown by the server, and a click that came first sent the form the
    ordinary way (a reload of the page, the message lost), not over the socket."""
    page.wait_for_load_state("domcontentloaded")
    page.get_by_label("Votre message").fill(text)
    page.get_by_role("button", name="Envoyer").click()


# The server side ---------------------------------------------------------------------------

def wait_until(condition, *, timeout: float = 10.0) -> bool:
    """Poll `condition()` until it is true (what a server thread writes, seen from the test);
    returns its last value, for the assertion that follows. The wait ends on the event itself,
    not after a fixed delay."""
    deadline = time.monotonic() + timeout
    while not (result := condition()) and time.monotonic() < deadline:
        time.sleep(0.05)
    return result
