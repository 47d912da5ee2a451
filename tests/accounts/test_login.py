"""Console login: the password and the code, together; one generic message for every failure."""

from django.contrib.auth import SESSION_KEY

from tests.accounts.helpers import GENERIC_ERROR, HOME_URL, LOGIN_URL, code_for, error_summary, log_in, wrong_code_for
from tests.theme.helpers import parse


def test_the_login_page_asks_for_username_password_and_code(client, db):
    page = parse(client.get(LOGIN_URL).content.decode())
    names = {element.get("name") for element in page.find_all("input")}
    assert {"username", "password", "code"} <= names
    assert page.find_all("input", name="code")[0]["autocomplete"] == "one-time-code"
    assert not page.inline_problems


def test_the_login_page_has_no_quick_exit(client, db):
    assert "quick-exit-bar" not in client.get(LOGIN_URL).content.decode()


def test_both_factors_open_the_console(client, teams, make_staff):
    user, device = make_staff("alice", teams["nantes"])
    response = log_in(client, "alice", code=code_for(device))
    assert response.status_code == 302 and response["Location"] == HOME_URL
    assert client.get(HOME_URL).status_code == 200


def test_the_password_alone_does_not_log_in(client, teams, make_staff):
    make_staff("alice", teams["nantes"])
    response = log_in(client, "alice")
    assert GENERIC_ERROR in response.content.decode()
    assert SESSION_KEY not in client.session
    assert client.get(HOME_URL).status_code == 302


def test_a_wrong_password_and_a_wrong_code_get_the_same_answer(client, teams, make_staff):
    user, device = make_staff("alice", teams["nantes"])
    wrong_password = log_in(client, "alice", password="pas le bon mot de passe", code=code_for(device))
    wrong_code = log_in(client, "alice", code=wrong_code_for(device))
    unknown_user = log_in(client, "personne", code=code_for(device))
    assert wrong_password.status_code == wrong_code.status_code == unknown_user.status_code == 200
    assert GENERIC_ERROR in error_summary(wrong_code)
    assert error_summary(wrong_password) == error_summary(wrong_code) == error_summary(unknown_user)
    assert SESSION_KEY not in client.session


def test_a_code_cannot_be_used_twice(client, teams, make_staff):
    user, device = make_staff("alice", teams["nantes"])
    code = code_for(device)
    log_in(client, "alice", code=code)
    client.logout()
    assert GENERIC_ERROR in log_in(client, "alice", code=code).content.decode()


def test_a_code_typed_with_spaces_is_accepted(client, teams, make_staff):
    user, device = make_staff("alice", teams["nantes"])
    code = code_for(device)
    assert log_in(client, "alice", code=f" {code[:3]} {code[3:]} ").status_code == 302


def test_the_login_goes_back_to_the_page_asked_for(client, teams, make_staff):
    user, device = make_staff("alice", teams["nantes"])
    response = log_in(client, "alice", code=code_for(device), next="/console/?tri=ancien")
    assert response["Location"] == "/console/?tri=ancien"


def test_the_login_never_sends_to_another_site(client, teams, make_staff):
    user, device = make_staff("alice", teams["nantes"])
    response = log_in(client, "alice", code=code_for(device), next="https://attaquant.example/")
    assert response["Location"] == HOME_URL


def test_a_deactivated_account_cannot_log_in(client, teams, make_staff):
    user, device = make_staff("alice", teams["nantes"])
    user.is_active = False
    user.save()
    assert GENERIC_ERROR in log_in(client, "alice", code=code_for(device)).content.decode()


def test_logging_in_changes_the_session_key(client, teams, make_staff):
    user, device = make_staff("alice", teams["nantes"])
    client.get(LOGIN_URL)
    before = client.session.session_key
    log_in(client, "alice", code=code_for(device))
    assert client.session.session_key != before


def test_logging_out_ends_the_session(client, teams, make_staff):
    user, device = make_staff("alice", teams["nantes"])
    log_in(client, "alice", code=code_for(device))
    assert client.get("/console/deconnexion/").status_code == 405
    response = client.post("/console/deconnexion/")
    assert response["Location"] == LOGIN_URL
    assert "Vous êtes déconnecté·e." in client.get(LOGIN_URL).content.decode()
    assert client.get(HOME_URL).status_code == 302
