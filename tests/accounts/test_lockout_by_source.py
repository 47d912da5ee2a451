"""Whoever knows a username cannot lock that account from one address: the address is blocked,
the person logs in from her own; only failures from many addresses lock the account itself."""

from django.test import Client

from recours.accounts.models import StaffProfile
from tests.accounts.helpers import GENERIC_ERROR, code_for, log_in
from tests.dbdump import database_text

ATTACKER = "203.0.113.66"
HOME = "198.51.100.20"


def test_an_attacker_hammering_from_one_address_blocks_that_address_not_the_account(teams, make_staff):
    alice, alice_device = make_staff("alice", teams["nantes"])
    bob, bob_device = make_staff("bob", teams["nantes"])
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for _ in range(50):
        log_in(attacker, "alice", password="pas le bon")
    # The attacker's address is blocked: for alice, and for every other account.
    assert GENERIC_ERROR in log_in(attacker, "alice", code=code_for(alice_device)).content.decode()
    assert GENERIC_ERROR in log_in(attacker, "bob", code=code_for(bob_device)).content.decode()
    # Alice, from her own machine, logs in.
    assert log_in(Client(REMOTE_ADDR=HOME), "alice", code=code_for(alice_device)).status_code == 302
    assert not StaffProfile.objects.filter(user=alice, locked_until__isnull=False).exists()
    assert ATTACKER not in database_text()


def test_five_failures_from_one_address_block_it_for_that_account_only(teams, make_staff, settings):
    settings.RECOURS_LOGIN_CLIENT_MAX_FAILURES = 100  # the address as a whole stays open
    alice, alice_device = make_staff("alice", teams["nantes"])
    bob, bob_device = make_staff("bob", teams["nantes"])
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for _ in range(5):
        log_in(attacker, "alice", password="pas le bon")
    assert GENERIC_ERROR in log_in(attacker, "alice", code=code_for(alice_device)).content.decode()
    assert log_in(attacker, "bob", code=code_for(bob_device)).status_code == 302
    assert log_in(Client(REMOTE_ADDR=HOME), "alice", code=code_for(alice_device, steps_ahead=1)).status_code == 302


def test_a_distributed_attack_still_locks_the_account(teams, make_staff):
    alice, alice_device = make_staff("alice", teams["nantes"])
    for n in range(10):
        attacker = Client(REMOTE_ADDR=f"203.0.113.{n + 1}")
        for _ in range(3):
            log_in(attacker, "alice", password="pas le bon")
    assert StaffProfile.objects.get(user=alice).locked_until is not None
    assert GENERIC_ERROR in log_in(Client(REMOTE_ADDR=HOME), "alice", code=code_for(alice_device)).content.decode()


def test_how_many_failures_lock_the_account_is_a_setting_and_one_address_never_reaches_it(
    teams, make_staff, settings
):
    settings.RECOURS_LOGIN_ACCOUNT_MAX_FAILURES = 3  # below the per-address limit (5): raised above it
    alice, alice_device = make_staff("alice", teams["nantes"])
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for _ in range(20):
        log_in(attacker, "alice", password="pas le bon")
    assert log_in(Client(REMOTE_ADDR=HOME), "alice", code=code_for(alice_device)).status_code == 302
    settings.RECOURS_LOGIN_ACCOUNT_MAX_FAILURES = 8
    for n in range(2):
        for _ in range(4):
            log_in(Client(REMOTE_ADDR=f"203.0.113.{n + 1}"), "alice", password="pas le bon")
    assert GENERIC_ERROR in log_in(Client(REMOTE_ADDR=HOME), "alice",
                                   code=code_for(alice_device, steps_ahead=1)).content.decode()


def test_the_addresses_of_one_ipv6_network_are_one_source(teams, make_staff, settings):
    settings.RECOURS_LOGIN_CLIENT_MAX_FAILURES = 100
    alice, alice_device = make_staff("alice", teams["nantes"])
    for n in range(5):  # a new address of the same /64 for each try
        log_in(Client(REMOTE_ADDR=f"2001:db8:1:2::{n + 1:x}"), "alice", password="pas le bon")
    assert GENERIC_ERROR in log_in(Client(REMOTE_ADDR="2001:db8:1:2::99"), "alice",
                                   code=code_for(alice_device)).content.decode()
    assert log_in(Client(REMOTE_ADDR="2001:db8:1:3::1"), "alice", code=code_for(alice_device)).status_code == 302
