"""The phone call sheet in a real browser: a witness calls, the adviser walks the steps, the
case is created with a callback, the callback shows in the queue and is made and noted."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from recours.casework.models import Case, PhoneCall, ScheduledCall
from tests.e2e.axe import assert_accessible
from tests.e2e.helpers import log_in

pytestmark = pytest.mark.e2e


def test_a_witness_call_is_recorded_then_called_back(page, server_url, live_reference_data, teams, make_staff):
    adviser, device = make_staff("ecoutante.nantes", teams["nantes"], first_name="Inès", last_name="Roux")
    log_in(page, server_url, adviser, device)

    page.get_by_role("link", name="Nouvel appel").click()
    expect(page.get_by_role("heading", name="Nouvel appel")).to_be_visible()
    assert_accessible(page, context="call sheet")
    page.get_by_label(re.compile("^Scénario 2")).check()
    page.get_by_label("Introduction").fill("Présentation faite, appel anonyme.")
    page.get_by_label("Qui appelle", exact=True).fill("Un collègue de travail, témoin.")
    page.get_by_label("Le problème et les besoins").fill(
        "Au dépôt de Saint-Herblain, le chef d'équipe écarte des missions les salariés qui portent un foulard."
    )
    page.get_by_label("Écoute, information, soutien").fill("Remercié ; expliqué l'observatoire.")
    page.get_by_label("Code postal du lieu").fill("44000")
    page.get_by_label("Domaine").select_option(label="Emploi privé")
    page.get_by_label("Téléphone pour la rappeler (facultatif)").fill("06 98 76 54 32")
    page.get_by_label("Rappeler le (facultatif)").fill(timezone.localtime().strftime("%d/%m/%Y %H:%M"))
    page.get_by_label("Objet du rappel").fill("Savoir si la salariée accepte d'être orientée")
    page.get_by_role("button", name="Enregistrer l'appel").click()

    expect(page.get_by_role("heading", name="Appel enregistré")).to_be_visible()
    expect(page.locator("#receipt-code")).to_have_text(re.compile(r"^\w{4} \w{4} \w{4} \w{4}$"))
    assert_accessible(page, context="call recorded")
    case = Case.objects.get()
    assert case.channel == "phone" and case.reporter_role_id == "temoin"

    page.get_by_role("link", name="Ouvrir le dossier").click()
    calls = page.locator("#appels")
    expect(calls).to_contain_text("Scénario 2")
    calls.get_by_text(re.compile("appel reçu")).first.click()
    expect(calls).to_contain_text("Remercié ; expliqué l'observatoire.")

    page.get_by_role("link", name=re.compile(r"^Dossiers( \d+ nouveaux)?$")).click()
    due = page.locator(".callbacks-due")
    expect(due).to_contain_text("Savoir si la salariée accepte d'être orientée")
    assert_accessible(page, context="queue with callbacks")
    due.get_by_role("link", name=re.compile(f"rappeler \\(dossier {case.reference}\\)")).click()
    expect(page.get_by_text("06 98 76 54 32")).to_be_visible()
    expect(page.get_by_label("appel passé")).to_be_checked()
    page.get_by_label("Le problème et les besoins").fill("Elle accepte une orientation vers le Défenseur des droits.")
    page.get_by_label("Durée en minutes").fill("6")
    page.get_by_role("button", name="Enregistrer l'appel").click()
    expect(page.get_by_text("L'appel est noté.")).to_be_visible()
    expect(page.locator("#callbacks")).to_contain_text("fait le")
    assert ScheduledCall.objects.get().done_at is not None and PhoneCall.objects.count() == 2
