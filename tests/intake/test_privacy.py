import logging

from tests.intake.walk import fill_all_steps, post_step


def test_logs_never_contain_a_narrative_or_a_contact(client, db, caplog):
    caplog.set_level(logging.DEBUG)
    post_step(client, "what", {"narrative": "x"})  # an error is logged nowhere with its text
    fill_all_steps(
        client,
        what={"narrative": "Récit témoin Quetzalcoatl pour les journaux"},
        contact={"contact_wanted": "oui", "email": "journaux@example.org"},
    )
    client.post("/formulaire/", {"step": "summary", "action": "submit"}, follow=True)
    client.post("/api/v1/reports", "{not json", content_type="application/json")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "Quetzalcoatl" not in logged
    assert "journaux@example.org" not in logged


def test_no_ip_address_is_stored_with_a_report(client, db):
    from tests.dbdump import database_text

    fill_all_steps(client)
    client.post("/formulaire/", {"step": "summary", "action": "submit"}, REMOTE_ADDR="203.0.113.77", follow=True)
    assert "203.0.113.77" not in database_text()


def test_pages_carry_a_strict_content_security_policy(client, db):
    policy = client.get("/formulaire/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_the_form_leaves_only_a_browser_session_cookie(client, db, settings):
    response = client.get("/formulaire/")
    assert list(response.cookies) == [settings.SESSION_COOKIE_NAME]
    assert response.cookies[settings.SESSION_COOKIE_NAME]["expires"] == ""
