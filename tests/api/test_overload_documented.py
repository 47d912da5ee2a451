"""Every route of the API reads the database: when the pool cannot give a connection in time,
core.admission.OverloadMiddleware answers 503 (JSON, Retry-After). The schema says so on every
route, read routes included, so that a client generated from it expects that answer."""

import pytest
from psycopg_pool import PoolTimeout

from recours.api.api import api


def test_every_route_of_the_schema_documents_the_503_of_an_overload():
    schema = api.get_openapi_schema()
    undocumented = [
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if 503 not in operation["responses"]
    ]
    assert undocumented == []
    error = schema["paths"]["/api/v1/geo/communes"]["get"]["responses"][503]
    assert error["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ErrorOut"}


@pytest.mark.django_db
def test_a_read_route_without_a_database_connection_answers_the_documented_503(client, monkeypatch):
    def no_connection(postal_code):
        raise PoolTimeout("couldn't get a connection after 3.00 sec")

    monkeypatch.setattr("recours.api.geo.communes_for_postal_code", no_connection)
    response = client.get("/api/v1/geo/communes", {"postal_code": "44000"})
    assert response.status_code == 503
    assert response.json()["message"].startswith("Le service reçoit beaucoup de demandes")
    assert response["Retry-After"]
