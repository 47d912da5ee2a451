"""One client guessing receipts is refused; it cannot spend everybody else's budget."""

from django.test import Client

from recours.core.receipts import receipt_format
from tests.intake.walk import page

ATTACKER = "203.0.113.7"
PERSON = "198.51.100.20"


def wrong_receipts(client, count):
    return [
        client.post("/suivi/", {"action": "login", "receipt": f"1111 2222 3333 {i:04d}"}, follow=True).status_code
        for i in range(count)
    ]


def test_a_client_refused_for_its_guesses_does_not_lock_out_the_others(db, make_case, settings):
    settings.RECOURS_RECEIPT_RATE_PER_CLIENT = 10
    settings.RECOURS_RECEIPT_RATE_GLOBAL = 30
    _case, receipt = make_case()

    statuses = wrong_receipts(Client(REMOTE_ADDR=ATTACKER), 100)
    assert statuses[:10] == [200] * 10 and set(statuses[10:]) == {429}

    person = Client(REMOTE_ADDR=PERSON)
    response = person.post("/suivi/", {"action": "login", "receipt": receipt_format(receipt)})
    assert response.status_code == 302
    assert "On m'a refusé la visite" in page(person.get("/suivi/"))


def test_many_clients_together_still_meet_the_instance_wide_limit(db, make_case, settings):
    settings.RECOURS_RECEIPT_RATE_PER_CLIENT = 10
    settings.RECOURS_RECEIPT_RATE_GLOBAL = 30
    _case, receipt = make_case()
    for n in range(3):
        wrong_receipts(Client(REMOTE_ADDR=f"203.0.113.{n}"), 10)

    response = Client(REMOTE_ADDR=PERSON).post(
        "/suivi/", {"action": "login", "receipt": receipt_format(receipt)}, follow=True
    )
    assert response.status_code == 429
    assert "Trop d'essais" in page(response)


def test_the_addresses_of_one_ipv6_network_count_as_one_client(db, make_case, settings):
    settings.RECOURS_RECEIPT_RATE_PER_CLIENT = 10
    statuses = [
        Client(REMOTE_ADDR=f"2001:db8:1:2::{n:x}").post(
            "/suivi/", {"action": "login", "receipt": f"1111 2222 3333 {n:04d}"}, follow=True
        ).status_code
        for n in range(15)
    ]
    assert statuses[:10] == [200] * 10 and set(statuses[10:]) == {429}
