"""The API's follow-up: one client guessing receipts cannot lock the others out."""

from django.test import Client

ATTACKER = "203.0.113.7"
PERSON = "198.51.100.20"


def test_a_client_refused_for_its_guesses_does_not_lock_out_the_others(db, make_case, settings):
    settings.RECOURS_RECEIPT_RATE_PER_CLIENT = 10
    settings.RECOURS_RECEIPT_RATE_GLOBAL = 30
    _case, receipt = make_case()
    attacker = Client(REMOTE_ADDR=ATTACKER)
    statuses = [attacker.get("/api/v1/followup", HTTP_X_RECEIPT=f"11112222333{i:05d}").status_code for i in range(100)]
    assert statuses[:10] == [404] * 10 and set(statuses[10:]) == {429}

    response = Client(REMOTE_ADDR=PERSON).get("/api/v1/followup", HTTP_X_RECEIPT=receipt)
    assert response.status_code == 200
    assert response.json()["status"] == "new"


def test_reading_a_follow_up_again_and_again_counts_only_the_wrong_receipts(db, make_case, settings):
    settings.RECOURS_RECEIPT_RATE_PER_CLIENT = 3
    _case, receipt = make_case()
    person = Client(REMOTE_ADDR=PERSON)
    reads = [person.get("/api/v1/followup", HTTP_X_RECEIPT=receipt).status_code for _ in range(6)]
    assert reads == [200] * 6  # a page polling its follow-up is not guessing

    wrong = [person.get("/api/v1/followup", HTTP_X_RECEIPT="1111222233334444").status_code for _ in range(4)]
    assert wrong == [404, 404, 404, 429]
    # Past the budget of wrong receipts, the right one waits too (a guesser cannot tell).
    assert person.get("/api/v1/followup", HTTP_X_RECEIPT=receipt).status_code == 429
