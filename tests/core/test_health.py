"""The probes: /healthz (alive) and /readyz (ready), before every other middleware."""

import pytest
from django.db import connection
from django.test import override_settings

from recours.core import health


def test_healthz_answers_ok_without_touching_the_database(client):
    # No django_db mark: any database access would raise.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "Set-Cookie" not in response


@pytest.mark.django_db
def test_readyz_says_ready_with_booleans_only(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body == {"ready": True, "database": True, "migrations": True, "keys": True}
    assert all(isinstance(value, bool) for value in body.values())
    assert "Set-Cookie" not in response


@pytest.mark.django_db
def test_the_probes_answer_any_host_over_plain_http(client):
    """A probe addresses the container by its IP, without TLS: no 400 for the host, no HTTPS redirect."""
    with override_settings(ALLOWED_HOSTS=["recours.example"], SECURE_SSL_REDIRECT=True):
        assert client.get("/healthz", HTTP_HOST="10.0.0.7:8000").status_code == 200
        assert client.get("/readyz", HTTP_HOST="10.0.0.7:8000").status_code == 200


@pytest.mark.django_db
def test_readyz_is_not_ready_while_a_migration_is_pending(client, monkeypatch):
    from django.db.migrations.executor import MigrationExecutor

    monkeypatch.setattr(health, "_migrations_applied", False)
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("pending", False)])
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["migrations"] is False
    assert response.json()["ready"] is False


@pytest.mark.django_db
def test_readyz_is_not_ready_when_redis_does_not_answer(client):
    # Port 9 (discard) on the loopback: nothing listens, the connection is refused at once.
    with override_settings(REDIS_URL="redis://127.0.0.1:9/0"):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["redis"] is False


@pytest.mark.django_db
def test_readyz_is_not_ready_without_a_valid_encryption_key(client):
    with override_settings(RECOURS_ENCRYPTION_KEYS=["not-a-fernet-key"]):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["keys"] is False


@pytest.mark.django_db(transaction=True)
def test_readyz_is_not_ready_when_the_database_is_unreachable(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise connection.Database.OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["database"] is False
    assert response.json()["migrations"] is False
