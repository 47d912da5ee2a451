"""The accessibility statement is written from the instance's audit state, and the
sign-language relay is shown next to every phone number of the service."""

import datetime as dt

import pytest

from recours.core.instance import instance_get
from tests.theme.helpers import parse

RELAY = "https://relais.example.org/appel"


def statement(client) -> str:
    response = client.get("/accessibilite/")
    assert response.status_code == 200 and not response.cookies
    return parse(response.content.decode()).plain_text


def set_instance(**fields):
    instance = instance_get()
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    return instance


def test_without_an_audit_the_statement_says_non_conforming_and_not_audited(client, db):
    text = statement(client)
    assert "est non conforme avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1" in text
    assert "Aucun audit de conformité n'a encore été réalisé." in text
    assert "Défenseur des droits" in text


def test_a_partial_audit_gives_its_date_auditor_rate_and_non_conformities(client, db):
    set_instance(
        name="Égalité Nantes", operator="Ville de Nantes", accessibility_conformity="partial",
        accessibility_audit_date=dt.date(2026, 10, 5), accessibility_audit_by="Access42", accessibility_rate=82,
        accessibility_non_conformities="Le graphique de l'observatoire n'a pas d'alternative textuelle.\n\nLe PDF de saisine n'est pas balisé.",
        accessibility_exemptions="Les documents envoyés par les personnes.",
        accessibility_statement_date=dt.date(2026, 10, 20),
    )
    text = statement(client)
    assert "Ville de Nantes s'engage à rendre le service Égalité Nantes accessible" in text
    assert "Égalité Nantes est partiellement conforme avec le référentiel" in text
    assert "L'audit de conformité réalisé le 5 octobre 2026 par Access42 révèle que 82 % des critères" in text
    assert "Le graphique de l'observatoire n'a pas d'alternative textuelle." in text
    assert "Le PDF de saisine n'est pas balisé." in text
    assert "Les documents envoyés par les personnes." in text
    assert "Cette déclaration a été établie le 20 octobre 2026." in text
    assert "Aucun audit" not in text


def test_a_full_audit_lists_no_non_conformity(client, db):
    set_instance(accessibility_conformity="full", accessibility_audit_date=dt.date(2026, 9, 1), accessibility_rate=100)
    text = statement(client)
    assert "est totalement conforme avec le référentiel" in text
    assert "Aucune non-conformité relevée par l'audit." in text


def test_the_operator_text_follows_the_statement_escaped(client, db):
    set_instance(accessibility_notice="Un interprète peut vous accueillir sur rendez-vous. <script>x</script>")
    page = client.get("/accessibilite/").content.decode()
    assert "Informations complémentaires" in page and "Un interprète peut vous accueillir" in page
    assert "<script>x" not in page and "État de conformité" in page


def test_the_relay_must_be_https(db):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        set_instance(sign_language_relay_url="http://relais.example.org/")


def relay_links(html: str) -> int:
    return html.count(f'href="{RELAY}"')


@pytest.mark.parametrize("url", ["/", "/mentions-legales/", "/accessibilite/", "/tchat/"])
def test_the_relay_is_shown_next_to_every_phone_number(client, db, url):
    set_instance(phone="01 23 45 67 89", sign_language_relay_url=RELAY, sign_language_relay_hours="du lundi au vendredi, 9 h – 18 h")
    html = client.get(url).content.decode()
    phones = html.count('href="tel:0123456789"')
    assert phones >= 1
    assert relay_links(html) == phones, url
    for chunk in html.split('href="tel:0123456789"')[1:]:
        assert f'href="{RELAY}"' in chunk[:600]  # right after the number, in the same sentence
    assert "du lundi au vendredi, 9 h – 18 h" in html


def test_no_relay_is_shown_when_the_operator_has_none(client, db):
    set_instance(phone="01 23 45 67 89")
    assert "phone-relay" not in client.get("/").content.decode()
