"""A team's local entry (/l/<slug>/): its own name, colours, phone, hours and legal text."""

import pytest
from django.core.exceptions import ValidationError

from recours.core.instance import instance_get
from tests.intake.walk import page


def test_the_local_entry_shows_the_team_service(client, nantes_entry):
    response = client.get("/l/nantes/")
    assert response.status_code == 200
    body = page(response)
    assert "<h1>Nantes contre les discriminations</h1>" in body
    assert 'href="tel:0240410000"' in body and "du lundi au vendredi, 9 h – 17 h" in body
    assert "Éditeur : Ville de Nantes" in body
    assert '<input type="hidden" name="entree" value="nantes">' in body
    assert 'href="/l/nantes/couleurs.css?v=' in body


def test_its_colours_are_served_as_its_own_stylesheet(client, nantes_entry):
    css = client.get("/l/nantes/couleurs.css").content.decode()
    assert "--colour-primary: #00594f;" in css and "--colour-accent: #a4161a;" in css


def test_colours_without_enough_contrast_are_refused(nantes_entry):
    nantes_entry.colour_primary = "#ffdd00"
    with pytest.raises(ValidationError) as error:
        nantes_entry.full_clean()
    assert "colour_primary" in error.value.message_dict


def test_the_sign_language_relay_follows_its_phone_number(client, nantes_entry):
    instance = instance_get()
    instance.sign_language_relay_url = "https://relais.example.org/"
    instance.save()
    body = page(client.get("/l/nantes/"))
    after = body.split('href="tel:0240410000"', 1)[1][:600]
    assert 'href="https://relais.example.org/"' in after


def test_an_offline_entry_or_a_retired_team_has_no_page(client, nantes_entry, teams):
    assert client.get("/l/inconnu/").status_code == 404
    nantes_entry.active = False
    nantes_entry.save()
    assert client.get("/l/nantes/").status_code == 404
    nantes_entry.active = True
    nantes_entry.save()
    teams["nantes"].active = False
    teams["nantes"].save()
    assert client.get("/l/nantes/").status_code == 404
    assert client.get("/l/nantes/couleurs.css").status_code == 404
