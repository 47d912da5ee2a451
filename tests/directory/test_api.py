import pytest


def test_search_by_postal_code_with_repeated_criteria(client, directory):
    response = client.get("/api/v1/directory/search", {
        "postal_code": "44000", "criteria": ["handicap", "etat_de_sante"], "domain": "emploi_prive",
    })
    assert response.status_code == 200
    body = response.json()
    first = body["results"][0]
    assert first["data_inclusion_id"] == "recours-demo--handi-droits-44-permanence"
    assert first["kinds_of_help"] and first["contact"]["telephone"] == "0261910004"
    assert first["distance_km"] > 0 and first["reasons"]
    assert body["results"][-1]["national"] is True
    assert "44000" in body["place"]


@pytest.mark.parametrize("params, field", [
    ({"postal_code": "99999"}, "postal_code"),
    ({"postal_code": "4400"}, "postal_code"),
    ({}, "postal_code"),
    ({"postal_code": "44000", "criteria": "pas-un-critere"}, "criteria"),
    ({"postal_code": "44000", "domain": "cuisine"}, "domain"),
])
def test_unknown_places_and_codes_are_a_clear_400(client, directory, params, field):
    response = client.get("/api/v1/directory/search", params)
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_one_service_in_the_data_inclusion_format(client, directory):
    found = client.get("/api/v1/directory/search", {"postal_code": "44000"}).json()["results"][0]
    response = client.get(f"/api/v1/directory/services/{found['id']}")
    assert response.status_code == 200
    service = response.json()
    assert service["id"] == found["data_inclusion_id"]
    assert {"structure_id", "zone_eligibilite", "thematiques", "criteres", "types_aide"} <= service.keys()


def test_an_unknown_service_is_a_404(client, directory):
    assert client.get("/api/v1/directory/services/999999").status_code == 404


def test_the_directory_is_in_the_openapi_schema(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/directory/search" in paths and "/api/v1/directory/services/{service_id}" in paths
