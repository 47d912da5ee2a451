from recours.casework.models import Case
from recours.intake.models import ReportDraft
from tests.intake.walk import page, VALID_ANSWERS, fill_all_steps, post_form, post_step, submit


def test_the_form_opens_on_a_start_page_that_asks_nothing(client, db):
    response = client.get("/formulaire/")
    assert response.status_code == 200
    assert "Avant de commencer" in page(response)
    assert "<textarea" not in page(response)


def test_starting_the_form_asks_who_is_reporting(client, db):
    response = post_form(client, {"action": "start"})
    assert "Qui êtes-vous dans cette situation ?" in page(response)


def test_every_step_keeps_one_address(client, db):
    response = client.post("/formulaire/", {"step": "role", "action": "next", "role": "victime"})
    assert response["Location"] == "/formulaire/"
    response = client.post("/formulaire/", {"step": "what", "action": "next", "narrative": "x"})
    assert response["Location"] == "/formulaire/"  # an error too: the next GET shows it


def test_a_whole_report_is_sent_and_a_receipt_shown_once(client, db):
    summary = fill_all_steps(client)
    assert "Vérifiez avant d'envoyer" in page(summary)

    response = submit(client)

    text = page(response)
    assert "Votre code de suivi" in text
    case = Case.objects.get()
    assert case.reporter_role_id == "victime"
    assert case.commune_id == "44109"
    assert set(case.reported_criteria.values_list("code", flat=True)) == {"patronyme", "origine", "nation"}
    assert case.contact == {"email": "personne@example.org"}
    assert case.notify_by_email
    assert not ReportDraft.objects.exists()
    assert "Votre code de suivi" not in page(client.get("/formulaire/"))
    assert "Avant de commencer" in page(client.get("/formulaire/"))


def test_a_validation_error_keeps_what_was_typed(client, db):
    post_step(client, "role")
    response = post_step(client, "what", {"narrative": "court", "respondent": "Le bailleur Dupont-Immo"})

    text = page(response)
    assert "Il y a un problème" in text
    assert "Le bailleur Dupont-Immo" in text
    assert "court" in text
    # a reload shows the same answers: they were saved, not just echoed
    assert "Le bailleur Dupont-Immo" in page(client.get("/formulaire/"))


def test_an_error_is_linked_to_its_field(client, db):
    response = post_step(client, "role", {})
    text = page(response)
    assert 'href="#id_role_0"' in text
    assert "Indiquez qui vous êtes dans cette situation." in text


def test_going_back_keeps_the_answers_of_the_step_left(client, db):
    post_step(client, "role")
    post_step(client, "what", {"narrative": "Un récit pas encore fini"}, action="back")
    assert "Qui êtes-vous" in page(client.get("/formulaire/"))
    post_step(client, "role")
    assert "Un récit pas encore fini" in page(client.get("/formulaire/"))


def test_a_postal_code_with_several_communes_asks_which_one(client, db):
    post_step(client, "role")
    post_step(client, "what")
    response = post_step(client, "where", {"place": "lieu", "postal_code": "44190"})
    text = page(response)
    assert "Ce code postal couvre plusieurs communes" in text
    assert "Clisson" in text


def test_an_unknown_postal_code_is_refused_clearly(client, db):
    post_step(client, "role")
    post_step(client, "what")
    response = post_step(client, "where", {"place": "lieu", "postal_code": "00000"})
    assert "Ce code postal n'existe pas" in page(response)


def test_online_facts_need_no_postal_code(client, db):
    post_step(client, "role")
    post_step(client, "what")
    response = post_step(client, "where", {"place": "en_ligne"})
    assert "Quand" in page(response) and "Il y a un problème" not in page(response)


def test_i_dont_know_cannot_be_ticked_with_a_ground(client, db):
    response = post_step(client, "grounds", {"grounds": ["nom", "ne_sait_pas"]})
    assert "Cochez « Je ne sais pas » seul" in page(response)


def test_i_dont_know_is_recorded_as_unknown_grounds(client, db):
    fill_all_steps(client, grounds={"grounds": ["ne_sait_pas"]})
    submit(client)
    case = Case.objects.get()
    assert case.grounds_unknown
    assert not case.reported_criteria.exists()


def test_the_summary_lets_the_person_change_a_step_and_come_back(client, db):
    fill_all_steps(client)
    response = post_form(client, {"goto": "domain"})
    assert "Dans quel domaine" in page(response)
    post_step(client, "domain", {"domain": "emploi_prive"})
    assert "Vérifiez avant d'envoyer" in page(client.get("/formulaire/"))


def test_a_report_cannot_be_sent_without_consent(client, db):
    for step in VALID_ANSWERS:
        if step != "consent":
            post_step(client, step)
    response = post_step(client, "consent", {})
    assert "Pour envoyer votre signalement, cochez la case d'accord." in page(response)
    submit(client)
    assert not Case.objects.exists()


def test_skipping_steps_by_hand_does_not_send_a_half_report(client, db):
    post_step(client, "role")
    response = submit(client)
    assert not Case.objects.exists()
    assert "Il y a un problème" in page(response)


def test_an_anonymous_report_keeps_no_contact(client, db):
    fill_all_steps(client, contact={"contact_wanted": "non", "email": "oublie@example.org"})
    submit(client)
    case = Case.objects.get()
    assert case.contact == {}
    assert not case.has_contact


def test_contact_wanted_needs_an_email_or_a_phone(client, db):
    response = post_step(client, "contact", {"contact_wanted": "oui"})
    assert "Indiquez une adresse électronique ou un numéro de téléphone." in page(response)


def test_an_oversized_narrative_is_refused_and_kept(client, db, settings):
    settings.RECOURS_NARRATIVE_MAX_CHARS = 100
    post_step(client, "role")
    response = post_step(client, "what", {"narrative": "x" * 150})
    text = page(response)
    assert "Votre récit est trop long" in text
    assert "x" * 150 in text


def test_a_date_in_the_future_is_refused(client, db):
    response = post_step(client, "when", {"occurred_on": "2999-01-01"})
    assert "La date ne peut pas être dans le futur." in page(response)


def test_the_draft_is_stored_encrypted(client, db):
    from tests.dbdump import database_text

    post_step(client, "role")
    post_step(client, "what", {"narrative": "Brouillon très confidentiel Xylophage"})
    assert "Xylophage" not in database_text()


def test_the_form_pages_are_never_cached(client, db):
    response = client.get("/formulaire/")
    assert "no-store" in response["Cache-Control"]

