"""The partner API: per-partner keys (hash only, scoped, revoked at once, rate-limited), filing
and following reports within the person's consent, documented on a page of our own."""

import json

import pytest
from django.test import Client

from recours.casework.models import Case, Channel
from recours.casework.services import case_close, case_message_to_partner
from recours.partners import services
from recours.partners.models import ApiCredential, PartnerReport
from tests.intake.walk import page
from tests.partners.conftest import logged_in

REPORT = {
    "role": "victime", "narrative": "Le bailleur a refusé le dossier en voyant le nom.", "postal_code": "44000",
    "commune": "44109", "period": "mois", "criteria": ["patronyme"], "domain": "logement", "consent": True,
    "share_with_partner": True, "contact_way": "partner",
}


@pytest.fixture
def key(handi, handi_admin):
    _credential, key = services.credential_create(
        partner=handi, name="Logiciel", scopes=["reports:write", "reports:read"], actor=handi_admin
    )
    return key


def call(method, url, key, body=None):
    client = Client()
    kwargs = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    if body is not None:
        return getattr(client, method)(url, json.dumps(body), content_type="application/json", **kwargs)
    return getattr(client, method)(url, **kwargs)


def test_a_partner_files_a_report_with_its_key(handi, key, teams):
    response = call("post", "/api/v1/partner/reports", key, REPORT)
    assert response.status_code == 201, response.content
    body = response.json()
    case = Case.objects.get(reference=body["reference"])
    assert case.channel == Channel.PARTNER and case.filed_by_structure == handi.structure and case.contact_through_partner
    assert PartnerReport.objects.get(case=case).share_with_partner
    assert len(body["receipt"].replace(" ", "")) == 16


def test_the_report_is_checked_by_the_forms_rules(key, teams):
    response = call("post", "/api/v1/partner/reports", key, {**REPORT, "narrative": "court"})
    assert response.status_code == 422 and "narrative" in response.json()["errors"]
    assert not Case.objects.exists()


def test_the_partner_follows_its_report_within_consent(key, adviser, teams):
    shared = call("post", "/api/v1/partner/reports", key, REPORT).json()["reference"]
    private = call("post", "/api/v1/partner/reports", key, {**REPORT, "share_with_partner": False}).json()["reference"]
    for reference in (shared, private):
        case = Case.objects.get(reference=reference)
        case_message_to_partner(case=case, body="Merci pour ce signalement", actor=adviser)
        case_close(case=case, outcome="information", actor=adviser)
    read = call("get", f"/api/v1/partner/reports/{shared}", key).json()
    assert read["shared"] and read["outcome"] and read["messages"][0]["body"] == "Merci pour ce signalement"
    hidden = call("get", f"/api/v1/partner/reports/{private}", key).json()
    assert not hidden["shared"] and hidden["outcome"] is None and hidden["messages"] == []
    assert {r["reference"] for r in call("get", "/api/v1/partner/reports", key).json()} == {shared, private}


def test_another_partners_key_never_reaches_the_report(key, victims, victims_member, teams):
    reference = call("post", "/api/v1/partner/reports", key, REPORT).json()["reference"]
    _c, other = services.credential_create(partner=victims, name="Autre", scopes=["reports:read"], actor=victims_member)
    assert call("get", f"/api/v1/partner/reports/{reference}", other).status_code == 404
    assert call("get", "/api/v1/partner/reports", other).json() == []


def test_only_the_keys_hash_is_stored(key):
    credential = ApiCredential.objects.get()
    assert key not in (credential.key_hash, credential.prefix) and credential.key_hash != key


def test_a_revoked_key_is_refused_at_once(handi, handi_admin, key, teams):
    assert call("get", "/api/v1/partner/reports", key).status_code == 200
    credential = ApiCredential.objects.get()
    logged_in(handi_admin).post("/partenaires/api/", {"action": "revoke", "credential": credential.pk})
    assert call("get", "/api/v1/partner/reports", key).status_code == 401
    assert call("post", "/api/v1/partner/reports", key, REPORT).status_code == 401
    assert not Case.objects.exists()


def test_a_key_without_the_scope_is_refused(handi, handi_admin, teams):
    _c, read_only = services.credential_create(partner=handi, name="Lecture", scopes=["reports:read"], actor=handi_admin)
    assert call("post", "/api/v1/partner/reports", read_only, REPORT).status_code == 403
    assert not Case.objects.exists()


def test_unknown_keys_and_no_key_are_refused(db):
    assert call("get", "/api/v1/partner/reports", "rcp_inconnue").status_code == 401
    assert Client().get("/api/v1/partner/reports").status_code == 401


def test_a_key_over_its_budget_is_refused(key, settings):
    settings.RECOURS_PARTNER_API_RATE_PER_KEY = 2
    assert [call("get", "/api/v1/partner/reports", key).status_code for _ in range(3)] == [200, 200, 429]


def test_keys_are_made_in_the_partner_space_and_shown_once(handi_admin, handi_member):
    client = logged_in(handi_admin)
    response = client.post("/partenaires/api/", {"action": "create", "name": "Logiciel", "scopes": ["reports:read"]})
    assert 'id="new-key"' in page(response) and response["Cache-Control"] == "no-store"
    assert 'id="new-key"' not in page(client.get("/partenaires/api/"))
    assert logged_in(handi_member).get("/partenaires/api/").status_code == 403


def test_the_anonymous_report_api_stays_as_it_was(teams):
    body = {k: v for k, v in REPORT.items() if k not in ("share_with_partner", "contact_way")}
    response = Client().post("/api/v1/reports", json.dumps(body), content_type="application/json")
    assert response.status_code == 201 and Case.objects.get().channel == Channel.API


def test_the_schema_documents_the_partner_routes_and_their_key(db):
    schema = Client().get("/api/v1/openapi.json").json()
    assert "/api/v1/partner/reports" in schema["paths"]
    operation = schema["paths"]["/api/v1/partner/reports"]["post"]
    assert operation["security"] and "PartnerKey" in schema["components"]["securitySchemes"]


def test_the_docs_page_is_ours_with_no_third_party_asset(db):
    response = Client().get("/api/v1/docs")
    text = page(response)
    assert response.status_code == 200 and "POST /api/v1/partner/reports" in text
    assert "share_with_partner" in text
    assert not any(host in text for host in ("cdn.", "unpkg", "jsdelivr", "https://"))
    assert "<script" not in text.replace('<script src="/static/', "")


def test_the_schema_states_the_constraints_the_checks_enforce(db):
    schema = Client().get("/api/v1/openapi.json").json()
    fields = schema["components"]["schemas"]["PartnerReportIn"]["properties"]
    assert "victime" in json.dumps(fields["role"]) and "logement" in json.dumps(fields["domain"])
    assert "patronyme" in json.dumps(fields["criteria"])
    assert "[0-9]{5}" in json.dumps(fields["postal_code"]) and "2[AB]" in json.dumps(fields["commune"])
    assert fields["narrative"]["minLength"] == 10


def test_a_code_outside_the_enums_is_refused_before_anything_is_written(key, teams):
    for wrong in ({"domain": "cuisine"}, {"postal_code": "4400"}, {"role": "chef"}, {"criteria": ["couleur_des_yeux"]}):
        response = call("post", "/api/v1/partner/reports", key, {**REPORT, **wrong})
        assert response.status_code == 422, wrong
    assert not Case.objects.exists()
