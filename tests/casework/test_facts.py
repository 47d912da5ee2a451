"""Everything the person wrote, in any channel, is in the case file; the referral file starts from it."""

import json

import pytest

from recours.casework.models import Case, Channel
from tests.api.test_reports_api import VALID as API_REPORT
from tests.casework.test_calls import sheet
from tests.intake.walk import fill_all_steps, page

WHAT = {
    "narrative": "L'agence a refusé ma candidature quand elle a vu mon nom.",
    "respondent": "Agence Immo Centre, quai de la Fosse",
    "consequences": "Je dors chez une amie depuis deux mois.",
    "witnesses": "oui",
}
STEPS = {"steps_taken": ["association", "employeur"], "steps_detail": "L'association m'a répondu le 4 mars."}
CONTACT = {
    "contact_wanted": "oui", "name": "Samira", "email": "samira@example.org", "phone": "06 11 22 33 44",
    "best_time": "après 18 h, pas de message",
}


@pytest.fixture
def web_case(client, console):
    fill_all_steps(client, what=WHAT, steps=STEPS, contact=CONTACT)
    client.post("/formulaire/", {"step": "summary", "action": "submit"})
    return Case.objects.get(channel=Channel.FORM)


def test_every_answer_of_the_web_form_is_in_the_case_file(console, web_case):
    text = page(console.get(f"/console/dossiers/{web_case.reference}/"))
    assert "Ce que la personne a écrit" in text
    for label, value in (
        ("Qui est en cause", WHAT["respondent"]), ("Conséquences", WHAT["consequences"]), ("Témoins", "Oui"),
        ("Précisions sur les démarches", STEPS["steps_detail"]),
    ):
        assert label in text and value in text
    assert "J'ai contacté une association" in text and "J'en ai parlé à l'employeur" in text
    for value in (WHAT["narrative"], CONTACT["name"], CONTACT["email"], CONTACT["phone"], CONTACT["best_time"]):
        assert value in text


def test_every_field_of_the_api_is_in_the_case_file(client, console):
    report = {
        **API_REPORT, "postal_code": "44000", "respondent": "Le Bar du Port", "consequences": "Humiliés devant tous.",
        "witnesses": "ne_sait_pas", "steps_taken": ["plainte"], "steps_detail": "Plainte du 12 mai au commissariat.",
    }
    response = client.post("/api/v1/reports", json.dumps(report), content_type="application/json")
    assert response.status_code == 201, response.content
    case = Case.objects.get(channel=Channel.API)
    text = page(console.get(f"/console/dossiers/{case.reference}/"))
    for value in ("Le Bar du Port", "Humiliés devant tous.", "Je ne sais pas", "Plainte du 12 mai au commissariat.",
                  "Une plainte à la police"):
        assert value in text


def test_the_api_refuses_an_unknown_answer_about_witnesses(client, db):
    response = client.post("/api/v1/reports", json.dumps({**API_REPORT, "witnesses": "peut-etre"}),
                           content_type="application/json")
    assert response.status_code == 422 and "witnesses" in response.json()["errors"]


def test_the_scenario_of_a_call_is_in_the_case_file(console):
    console.post("/console/dossiers/appel/", sheet(scenario="witness"))
    case = Case.objects.get(channel=Channel.PHONE)
    text = page(console.get(f"/console/dossiers/{case.reference}/"))
    assert "Scénario de l'appel" in text and "Scénario 2 — un témoin signale" in text


def test_the_referral_file_starts_with_the_respondent_the_facts_and_the_steps_the_person_gave(console, web_case):
    text = page(console.get(f"/console/dossiers/{web_case.reference}/saisine/"))
    assert f'value="{WHAT["respondent"]}"' in text
    assert "Conséquences : " + WHAT["consequences"] in text
    assert STEPS["steps_detail"] in text and "Témoignages : d'autres personnes ont vu" in text


def test_a_witness_s_answer_on_whether_the_person_knows_is_in_words_in_the_case_file(client, console):
    fill_all_steps(client, role={"role": "temoin"}, what={**WHAT, "person_informed": "non"}, steps=STEPS, contact=CONTACT)
    client.post("/formulaire/", {"step": "summary", "action": "submit"})
    case = Case.objects.get(channel=Channel.FORM)
    text = page(console.get(f"/console/dossiers/{case.reference}/"))
    assert "La personne concernée sait-elle que ce signalement est fait ?" in text
    assert "Non, elle ne le sait pas" in text
    assert "person_informed" not in text  # never the raw key of the details
