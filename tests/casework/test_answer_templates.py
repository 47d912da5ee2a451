"""The library of legal answers: placeholders, scope, search from the reply box, insertion, management."""

import pytest
from django.core.exceptions import ValidationError

from recours.accounts.models import Role
from recours.casework.models import AnswerTemplate
from recours.casework.selectors import answer_templates_for
from recours.casework.services import answer_render, answer_template_save, answer_templates_load
from recours.core.instance import instance_get
from tests.accounts.helpers import log_in_verified
from tests.factories import NANTES
from tests.intake.walk import page


def test_the_shipped_answers_load_once_and_keep_edits(answer_templates):
    assert answer_templates.count() >= 8
    deadlines = AnswerTemplate.objects.get(key="delais")
    assert "5 ans" in deadlines.body and "6 ans" in deadlines.body and "L1134-5" in deadlines.body
    deadlines.body = "Texte adapté par l'équipe."
    deadlines.save()
    assert answer_templates_load() == 0
    deadlines.refresh_from_db()
    assert deadlines.body == "Texte adapté par l'équipe."


def test_an_unknown_placeholder_is_refused_at_save(adviser):
    with pytest.raises(ValidationError) as error:
        answer_template_save(actor=adviser, title="Essai", topic="rights", body="Bonjour {prenom}, {reference}")
    assert "Champ inconnu : {prenom}" in str(error.value)


def test_a_lone_brace_is_refused_at_save(adviser):
    with pytest.raises(ValidationError) as error:
        answer_template_save(actor=adviser, title="Essai", topic="rights", body="Bonjour { tout seul")
    assert "accolade" in str(error.value)


def test_rendering_fills_every_placeholder(adviser, make_case):
    instance = instance_get()
    instance.phone = "02 40 00 00 00"
    instance.save()
    case, _ = make_case(**NANTES)
    template = answer_template_save(
        actor=adviser, title="Essai", topic="rights",
        body="{prenom_conseiller} / {reference} / {equipe} / {telephone_instance} / {{accolades}}",
    )
    assert answer_render(template, case, user=adviser) == (
        f"Camille / {case.reference} / Ville de Nantes / 02 40 00 00 00 / {{accolades}}"
    )


def test_a_team_template_is_offered_to_its_team_only(teams, adviser, paris_adviser, answer_templates):
    paris_only = answer_template_save(actor=paris_adviser, title="Permanence parisienne", topic="orientation",
                                      body="Venez à la permanence.", team=teams["paris"])
    assert paris_only in answer_templates_for(paris_adviser)
    assert paris_only not in answer_templates_for(adviser)
    assert answer_templates_for(adviser).filter(key="delais").exists()


def test_the_search_matches_every_word(adviser, answer_templates):
    found = list(answer_templates_for(adviser, "plainte procureur"))
    assert [template.key for template in found] == ["porter-plainte"]


def test_the_reply_box_searches_without_script(console, make_case, answer_templates):
    case, _ = make_case(**NANTES)
    text = page(console.get(f"/console/dossiers/{case.reference}/", {"modeles": "testing"}))
    assert "Le test de situation (testing)" in text and "Insérer" in text


def test_inserting_a_template_fills_the_reply_with_the_rendered_text(console, make_case, answer_templates):
    case, _ = make_case(**NANTES)
    template = AnswerTemplate.objects.get(key="premiere-reponse")
    text = page(console.get(f"/console/dossiers/{case.reference}/", {"modele": template.pk}))
    reply = text[text.index('id="reply_body"'):]
    reply = reply[: reply.index("</textarea>")]
    assert "Je suis Camille, de l'équipe Ville de Nantes" in reply and case.reference in reply
    assert "{prenom_conseiller}" not in reply


def test_htmx_insertion_sends_only_the_reply_field(console, make_case, answer_templates):
    case, _ = make_case(**NANTES)
    template = AnswerTemplate.objects.get(key="preuves")
    response = console.get(
        f"/console/dossiers/{case.reference}/reponses-types/", {"modele": template.pk}, HTTP_HX_REQUEST="true"
    )
    text = page(response)
    assert text.startswith('<div id="reply-field">') and "Cerfa n° 11527" in text


def test_another_teams_template_cannot_be_inserted(console, teams, paris_adviser, make_case):
    case, _ = make_case(**NANTES)
    theirs = answer_template_save(actor=paris_adviser, title="Interne Paris", topic="other", body="Secret de Paris",
                                  team=teams["paris"])
    response = console.get(f"/console/dossiers/{case.reference}/reponses-types/", {"modele": theirs.pk})
    assert response.status_code == 404
    assert "Secret de Paris" not in page(console.get(f"/console/dossiers/{case.reference}/", {"modele": theirs.pk}))


def test_an_adviser_reads_the_library_but_cannot_manage_it(console, answer_templates):
    assert "Les délais pour agir" in page(console.get("/console/dossiers/reponses-types/"))
    assert console.get("/console/dossiers/reponses-types/nouvelle/").status_code == 403


def test_a_coordinator_creates_a_team_template_and_an_unknown_placeholder_is_explained(client, teams, make_staff):
    coordinator, _ = make_staff("coord.nantes", teams["nantes"], role=Role.COORDINATOR)
    log_in_verified(client, coordinator)
    data = {"title": "Permanence", "topic": "orientation", "team": str(teams["nantes"].pk), "active": "on",
            "body": "Bonjour, {nom_personne}"}
    response = client.post("/console/dossiers/reponses-types/nouvelle/", data)
    assert response.status_code == 200 and "Champ inconnu : {nom_personne}" in page(response)
    data["body"] = "Bonjour, {equipe} tient une permanence."
    assert client.post("/console/dossiers/reponses-types/nouvelle/", data).status_code == 302
    assert AnswerTemplate.objects.get(title="Permanence").team == teams["nantes"]


def test_a_local_coordinator_cannot_edit_a_national_template(client, teams, make_staff, answer_templates):
    coordinator, _ = make_staff("coord.nantes", teams["nantes"], role=Role.COORDINATOR)
    log_in_verified(client, coordinator)
    national = AnswerTemplate.objects.get(key="delais")
    assert client.get(f"/console/dossiers/reponses-types/{national.pk}/").status_code == 404
    response = client.post(f"/console/dossiers/reponses-types/{national.pk}/", {"title": "x", "topic": "other", "body": "x"})
    assert response.status_code == 404
    national.refresh_from_db()
    assert national.title == "Les délais pour agir"


def test_the_admin_refuses_an_unknown_placeholder_too(admin_client):
    response = admin_client.post(
        "/gestion/admin/casework/answertemplate/add/",
        {"title": "Essai", "topic": "rights", "body": "Bonjour {inconnu}", "active": "on"},
    )
    assert response.status_code == 200 and "Champ inconnu : {inconnu}" in page(response)
    assert not AnswerTemplate.objects.filter(title="Essai").exists()


def test_load_reference_data_ships_the_answers_and_is_idempotent(db):
    from django.core.management import call_command

    call_command("load_reference_data")
    count = AnswerTemplate.objects.filter(team__isnull=True, key__isnull=False).count()
    assert count >= 8
    call_command("load_reference_data")
    assert AnswerTemplate.objects.count() == count


def test_an_insertion_is_recorded_in_the_trail(console, make_case, answer_templates):
    from recours.core.models import AuditEvent

    case, _ = make_case(**NANTES)
    template = AnswerTemplate.objects.get(key="delais")
    console.get(f"/console/dossiers/{case.reference}/reponses-types/", {"modele": template.pk}, HTTP_HX_REQUEST="true")
    console.get(f"/console/dossiers/{case.reference}/", {"modele": template.pk})
    assert AuditEvent.objects.filter(case_id=case.pk, action="template.insert", detail__template=template.pk).count() == 2


def test_coordinating_a_local_team_while_advising_the_national_one_gives_no_right_on_national_templates(
    client, teams, make_staff, answer_templates
):
    from recours.accounts.services import membership_set

    user, _ = make_staff("coord.nantes.conseil.national", teams["nantes"], role=Role.COORDINATOR)
    membership_set(user=user, team=teams["national"], role=Role.ADVISER)
    log_in_verified(client, user)
    national = AnswerTemplate.objects.get(key="delais")
    assert client.get(f"/console/dossiers/reponses-types/{national.pk}/").status_code == 404
    client.post(f"/console/dossiers/reponses-types/{national.pk}/", {"title": "x", "topic": "other", "body": "x"})
    national.refresh_from_db()
    assert national.title == "Les délais pour agir"
    data = {"title": "Nationale détournée", "topic": "orientation", "team": "", "active": "on", "body": "Bonjour"}
    client.post("/console/dossiers/reponses-types/nouvelle/", data)
    assert not AnswerTemplate.objects.filter(title="Nationale détournée").exists()
