"""The console's navigation: the entries the apps declare, in order, for whoever may see them."""

from recours.accounts.models import Role
from recours.casework.services import advice_ask
from tests.accounts.helpers import HOME_URL, log_in_verified
from tests.theme.helpers import parse


def test_every_apps_entry_shows_in_order_with_the_current_page_marked(client, teams, make_staff):
    user, _ = make_staff("alice", teams["nantes"])
    log_in_verified(client, user)
    html = client.get("/console/dossiers/reponses-types/").content.decode()
    assert len(parse(html).find_all("nav", class_="console-nav")) == 1
    nav = html[html.index('<nav class="console-nav"') : html.index("</nav>", html.index('<nav class="console-nav"'))]
    text = parse(nav).plain_text
    labels = ["Accueil", "Dossiers", "Nouvel appel", "Avis demandés", "Réponses types", "Tchat", "Observatoire"]
    positions = [text.index(label) for label in labels]
    assert positions == sorted(positions)
    current = [a["href"] for a in parse(nav).find_all("a") if a.get("aria-current") == "page"]
    assert current == ["/console/dossiers/reponses-types/"]


def test_the_home_page_is_the_current_entry_on_the_home_page(client, teams, make_staff):
    user, _ = make_staff("alice", teams["nantes"])
    log_in_verified(client, user)
    current = [a["href"] for a in parse(client.get(HOME_URL).content.decode()).find_all("a") if a.get("aria-current") == "page"]
    assert current == [HOME_URL]


def test_the_directory_entry_is_for_coordinators_only(client, teams, make_staff):
    adviser, _ = make_staff("alice", teams["nantes"])
    coordinator, _ = make_staff("bruno", teams["nantes"], role=Role.COORDINATOR)
    log_in_verified(client, adviser)
    assert "/console/annuaire/" not in client.get(HOME_URL).content.decode()
    log_in_verified(client, coordinator)
    assert "/console/annuaire/" in client.get(HOME_URL).content.decode()


def test_the_advice_entry_counts_the_requests_waiting_for_the_users_teams(client, teams, make_staff, make_case):
    case, _ = make_case(commune="44109", postal_code="44000")
    nantes, _ = make_staff("alice", teams["nantes"])
    paris, _ = make_staff("paul", teams["paris"])
    advice_ask(case=case, to_team=teams["paris"], question="Est-ce bien du logement ?", actor=nantes)
    log_in_verified(client, paris)
    assert "Avis demandés 1 en attente" in parse(client.get(HOME_URL).content.decode()).plain_text
    log_in_verified(client, nantes)
    text = parse(client.get(HOME_URL).content.decode()).plain_text
    assert "Avis demandés" in text and "Avis demandés 1" not in text
