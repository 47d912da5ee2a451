"""A witness, a relative or a professional is asked about the person concerned, in words
meant for them, and whether that person knows about the report and agrees."""

from recours.casework.models import Case
from tests.intake.walk import VALID_ANSWERS, fill_all_steps, page, post_step, submit

WITNESS_WHAT = {**VALID_ANSWERS["what"], "person_informed": "non"}


def test_a_witness_is_asked_what_happened_to_the_person(client, db):
    text = page(post_step(client, "role", {"role": "temoin"}))
    assert "Racontez ce qui s'est passé pour la personne, avec vos mots" in text
    assert "La personne concernée sait-elle que vous faites ce signalement ?" in text
    assert "Quelles conséquences pour la personne concernée ?" in text


def test_the_person_concerned_is_not_asked_whether_they_know(client, db):
    text = page(post_step(client, "role", {"role": "victime"}))
    assert "Racontez ce qui s'est passé, avec vos mots" in text
    assert "sait-elle que vous faites ce signalement" not in text


def test_a_witness_must_say_whether_the_person_knows(client, db):
    post_step(client, "role", {"role": "tiers"})
    text = page(post_step(client, "what"))
    assert "Dites si la personne concernée sait que vous faites ce signalement" in text


def test_the_answer_is_kept_encrypted_in_the_case_details(client, db):
    from tests.dbdump import database_text

    fill_all_steps(client, role={"role": "temoin"}, what={**WITNESS_WHAT, "person_informed": "oui_sans_accord"})
    submit(client)
    case = Case.objects.get()
    assert case.details["person_informed"] == "oui_sans_accord"
    assert "oui_sans_accord" not in database_text()


def test_the_following_questions_speak_of_the_person(client, db):
    post_step(client, "role", {"role": "professionnel"})
    post_step(client, "what", WITNESS_WHAT)
    post_step(client, "where")
    text = page(post_step(client, "when"))
    assert "Selon vous, pourquoi cela est-il arrivé à la personne ?" in text


def test_the_summary_shows_the_witness_answer(client, db):
    summary = page(fill_all_steps(client, role={"role": "temoin"}, what=WITNESS_WHAT))
    assert "Non, elle ne le sait pas" in summary


def test_changing_to_witness_from_the_summary_asks_the_new_question_before_sending(client, db):
    fill_all_steps(client)
    post_step(client, "role", {"role": "temoin"})  # back to the summary
    text = page(submit(client))
    assert not Case.objects.exists()
    assert "Dites si la personne concernée sait que vous faites ce signalement" in text
