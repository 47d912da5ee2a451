"""The identity bar's availability: a plain form POST; busy or away takes the adviser out of the chat."""

from recours.chat.models import AvailabilityStatus
from recours.chat.selectors import availability_of, chat_status
from recours.chat.services import presence_beat
from tests.accounts.helpers import HOME_URL, log_in_verified
from tests.theme.helpers import parse

URL = "/console/disponibilite/"


def test_the_identity_bar_shows_the_instance_the_team_the_adviser_and_their_availability(client, teams, make_staff):
    user, _ = make_staff("alice", teams["nantes"], first_name="Alice", last_name="Martin")
    log_in_verified(client, user)
    html = client.get(HOME_URL).content.decode()
    bar = parse(html[html.index('<header class="identity-bar">') : html.index("</header>")]).plain_text
    assert "Alice Martin" in bar and teams["nantes"].name in bar and "disponible" in bar
    page = parse(html)
    assert not page.find_all("footer") and not page.find_all("nav", class_="site-nav")  # no public frame


def test_an_adviser_sets_themself_busy_by_a_form_and_returns_to_the_page(client, teams, make_staff):
    user, _ = make_staff("alice", teams["nantes"])
    log_in_verified(client, user)
    response = client.post(URL, {"disponibilite": "busy", "next": "/console/dossiers/"})
    assert response.status_code == 302 and response["Location"] == "/console/dossiers/"
    assert availability_of(user) == AvailabilityStatus.BUSY
    assert 'value="busy" selected' in client.get(HOME_URL).content.decode()


def test_the_return_address_must_be_this_site(client, teams, make_staff):
    user, _ = make_staff("alice", teams["nantes"])
    log_in_verified(client, user)
    response = client.post(URL, {"disponibilite": "away", "next": "https://ailleurs.example/"})
    assert response["Location"] == HOME_URL


def test_an_unknown_status_changes_nothing(client, teams, make_staff):
    user, _ = make_staff("alice", teams["nantes"])
    log_in_verified(client, user)
    client.post(URL, {"disponibilite": "invisible"})
    assert availability_of(user) == AvailabilityStatus.AVAILABLE


def test_the_availability_cannot_be_set_by_get_or_without_login(client, teams, make_staff):
    user, _ = make_staff("alice", teams["nantes"])
    assert client.post(URL, {"disponibilite": "away"}).status_code == 302
    assert availability_of(user) == AvailabilityStatus.AVAILABLE
    log_in_verified(client, user)
    assert client.get(URL).status_code == 405


def test_a_busy_or_away_adviser_does_not_make_the_chat_available(client, teams, make_staff, always_open):  # noqa: F811
    user, _ = make_staff("alice", teams["nantes"])
    presence_beat(user)
    assert chat_status(commune_id="44109").available
    log_in_verified(client, user)
    for status in ("busy", "away"):
        client.post(URL, {"disponibilite": status})
        assert not chat_status(commune_id="44109").available
    client.post(URL, {"disponibilite": "available"})
    assert chat_status(commune_id="44109").available


def test_the_identity_bars_forms_carry_the_csrf_token(teams, make_staff):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    user, _ = make_staff("alice", teams["nantes"])
    log_in_verified(client, user)
    html = client.get(HOME_URL).content.decode()
    bar = html[html.index('<header class="identity-bar">') : html.index("</header>")]
    token = bar.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    response = client.post(URL, {"disponibilite": "away", "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and availability_of(user) == AvailabilityStatus.AWAY
