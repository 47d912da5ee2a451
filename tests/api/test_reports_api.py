import json

from recours.casework.models import Case

VALID = {
    "role": "temoin",
    "narrative": "J'ai vu un videur refuser l'entrée à deux jeunes en disant « pas ce soir, pas vous ».",
    "postal_code": "44000",
    "period": "semaine",
    "criteria": ["origine", "pretendue_race"],
    "domain": "biens_services",
    "steps_taken": ["rien"],
    "consent": True,
}


def post(client, payload, **headers):
    body = payload if isinstance(payload, (str, bytes)) else json.dumps(payload)
    return client.post("/api/v1/reports", body, content_type="application/json", **headers)


def test_a_report_sent_by_the_api_answers_a_receipt(client, db):
    response = post(client, VALID)
    assert response.status_code == 201
    receipt = response.json()["receipt"]
    assert len(receipt.replace(" ", "")) == 16
    case = Case.objects.get()
    assert case.channel == "api"
    assert case.commune_id == "44109"
    assert sorted(case.reported_criteria.values_list("code", flat=True)) == ["origine", "pretendue_race"]


def test_a_contact_is_kept_encrypted_when_given(client, db):
    response = post(client, {**VALID, "contact": {"email": "temoin@example.org", "phone": "06 12 34 56 78"}})
    assert response.status_code == 201
    case = Case.objects.get()
    assert case.contact == {"email": "temoin@example.org", "phone": "06 12 34 56 78"}
    assert case.has_contact


def test_malformed_json_gets_a_clear_400_and_stores_nothing(client, db):
    response = post(client, '{"role": "victime", ')
    assert response.status_code == 400
    assert response.json()["errors"]["body"] == "Le corps de la requête n'est pas un JSON valide."
    assert not Case.objects.exists()


def test_unknown_codes_get_one_french_message_per_field(client, db):
    response = post(client, {**VALID, "role": "passant", "criteria": ["couleur_des_yeux"], "domain": "sport"})
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["role"] == "Choisissez une réponse dans la liste."
    assert errors["criteria"] == "Critère inconnu : « couleur_des_yeux »."
    assert errors["domain"] == "Domaine inconnu : « sport »."
    assert not Case.objects.exists()


def test_missing_fields_are_named(client, db):
    response = post(client, {"narrative": "Quelque chose s'est passé."})
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["role"] == "Ce champ est obligatoire."
    assert errors["consent"] == "Ce champ est obligatoire."


def test_an_oversized_narrative_is_refused(client, db, settings):
    settings.RECOURS_NARRATIVE_MAX_CHARS = 200
    response = post(client, {**VALID, "narrative": "a" * 201})
    assert response.status_code == 422
    assert "trop long" in response.json()["errors"]["narrative"]
    assert not Case.objects.exists()


def test_consent_must_be_given(client, db):
    response = post(client, {**VALID, "consent": False})
    assert response.status_code == 422
    assert "consent" in response.json()["errors"]


def test_a_postal_code_with_several_communes_keeps_the_commune_chosen(client, db):
    assert post(client, {**VALID, "postal_code": "44190", "commune": "44043"}).status_code == 201
    case = Case.objects.get()
    assert (case.postal_code, case.commune_id, case.departement_id) == ("44190", "44043", "44")


def test_a_postal_code_with_several_communes_and_no_commune_keeps_its_departement_only(client, db):
    response = post(client, {**VALID, "postal_code": "44190"})
    assert response.status_code == 201
    case = Case.objects.get()
    assert (case.postal_code, case.commune_id, case.departement_id) == ("44190", None, "44")


def test_a_commune_outside_the_postal_code_is_refused(client, db):
    response = post(client, {**VALID, "postal_code": "44190", "commune": "75056"})
    assert response.status_code == 422
    assert response.json()["errors"]["commune"].startswith("Cette commune ne correspond pas au code postal 44190.")
    assert not Case.objects.exists()


def test_an_unknown_field_is_refused(client, db):
    response = post(client, {**VALID, "ip_address": "1.2.3.4"})
    assert response.status_code == 422
    assert response.json()["errors"]["ip_address"] == "Ce champ n'est pas reconnu."


def test_the_schema_is_published(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/reports" in schema["paths"]
    assert "/api/v1/followup" in schema["paths"]
    assert "/api/v1/followup/messages" in schema["paths"]
