"""The anonymous API's schema states what its checks accept (codes as enums, codes and dates as
patterns, sizes), so that a client generated from it sends requests the API accepts."""

import json

import pytest

from recours.api.api import api
from recours.casework.models import Case, Period, StepTaken, Witnesses
from recours.taxonomy.selectors import criteria_active, domains_active


@pytest.fixture(scope="module")
def schema():
    return api.get_openapi_schema()


def enum_of(prop):
    return [v for v in prop.get("enum", prop.get("items", {}).get("enum", [])) if v is not None]


def parameters(schema, path):
    return {p["name"]: p["schema"] for p in schema["paths"][path]["get"]["parameters"]}


def test_the_report_schema_states_the_codes_patterns_and_sizes(schema, db):
    report = schema["components"]["schemas"]["ReportIn"]["properties"]
    assert enum_of(report["role"]) == ["victime", "temoin", "tiers", "professionnel", "lanceur_alerte"]
    assert set(enum_of(report["criteria"])) == {c.code for c in criteria_active()}
    assert set(enum_of(report["domain"])) == {d.code for d in domains_active()}
    assert enum_of(report["period"]) == list(Period.values)
    assert enum_of(report["steps_taken"]) == list(StepTaken.values)
    assert enum_of(report["witnesses"]) == list(Witnesses.values)
    assert report["postal_code"]["pattern"] == r"^[0-9]{5}$"
    assert report["commune"]["pattern"] == r"^(?:[0-9]{5}|2[AB][0-9]{3})$"
    assert report["occurred_on"]["pattern"] == r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
    assert report["consent"]["enum"] == [True]
    assert report["narrative"]["minLength"] == 10
    assert report["narrative"]["maxLength"] > 1000
    assert report["steps_taken"]["maxItems"] == len(StepTaken.values)
    assert report["respondent"]["maxLength"] == 300
    contact = schema["components"]["schemas"]["ContactIn"]["properties"]
    assert contact["email"]["maxLength"] == 254 and contact["phone"]["maxLength"] == 25


def test_the_commune_and_directory_routes_state_their_codes(schema, db):
    assert parameters(schema, "/api/v1/geo/communes")["postal_code"]["pattern"] == r"^[0-9]{5}$"
    search = parameters(schema, "/api/v1/directory/search")
    assert search["postal_code"]["pattern"] == r"^[0-9]{5}$"
    assert search["commune"]["pattern"] == r"^(?:[0-9]{5}|2[AB][0-9]{3})$"
    assert set(enum_of(search["criteria"])) == {c.code for c in criteria_active()}
    assert set(enum_of(search["domain"])) == {d.code for d in domains_active()}
    assert enum_of(search["mode_accueil"]) == ["a-distance", "en-presentiel"]
    assert "fr" in enum_of(search["language"]) and "ecoute" in enum_of(search["kind_of_help"])


def test_the_partner_route_reads_the_same_codes(schema):
    anonymous = schema["components"]["schemas"]["ReportIn"]["properties"]
    partner = schema["components"]["schemas"]["PartnerReportIn"]["properties"]
    for field in ("role", "domain", "criteria", "period", "steps_taken", "witnesses"):
        assert enum_of(partner[field]) == enum_of(anonymous[field]) or (
            # the partner's optional enums are typed as anyOf[enum, null]
            field in ("period", "witnesses")
        )


def test_a_report_built_from_the_schemas_enums_is_accepted(client, schema, db):
    report = schema["components"]["schemas"]["ReportIn"]["properties"]
    accepted = 0
    for role in enum_of(report["role"]):
        for domain in enum_of(report["domain"]):
            payload = {
                "role": role, "domain": domain, "narrative": "On m'a refusé l'entrée en raison de mon origine.",
                "postal_code": "44000", "commune": "44109", "period": enum_of(report["period"])[0],
                "criteria": enum_of(report["criteria"])[:3], "steps_taken": [enum_of(report["steps_taken"])[1]],
                "witnesses": enum_of(report["witnesses"])[0], "occurred_on": None, "consent": True,
            }
            response = client.post("/api/v1/reports", json.dumps(payload), content_type="application/json")
            assert response.status_code == 201, (role, domain, response.json())
            accepted += 1
    assert Case.objects.count() == accepted


def test_every_criterion_and_step_of_the_schema_is_accepted(client, schema, db):
    report = schema["components"]["schemas"]["ReportIn"]["properties"]
    steps = [s for s in enum_of(report["steps_taken"]) if s != StepTaken.NOTHING]
    payload = {
        "role": "victime", "domain": enum_of(report["domain"])[0], "narrative": "Refus de location en raison du nom.",
        "postal_code": "75011", "occurred_on": "2026-01-15", "criteria": enum_of(report["criteria"]), "steps_taken": steps, "consent": True,
    }
    response = client.post("/api/v1/reports", json.dumps(payload), content_type="application/json")
    assert response.status_code == 201, response.json()
