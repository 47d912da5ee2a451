"""Receipt codes: the only key a person holds to come back to a report.

A receipt is 16 digits from a cryptographic random source, shown once, stored
only as an Argon2id hash made with a per-instance salt. The hash is
deterministic, so a check is one hash and one indexed query, and an unknown
receipt costs exactly what a wrong one does (there is no difference).
"""

import hashlib
import re
import secrets

from argon2.low_level import Type, hash_secret_raw
from django.conf import settings

from recours.core.admission import hash_slot

RECEIPT_DIGITS = 16
_NON_DIGITS = re.compile(r"\D")


def receipt_generate() -> str:
    """A new receipt, as digits only (16 digits, about 53 bits)."""
    return "".join(secrets.choice("0123456789") for _ in range(RECEIPT_DIGITS))


def receipt_format(receipt: str) -> str:
    """Groups of four for display: 1234 5678 9012 3456."""
    digits = receipt_normalize(receipt)
    return " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))


def receipt_normalize(raw: str) -> str:
    """What the person typed, with spaces, dashes and dots removed."""
    return _NON_DIGITS.sub("", raw or "")


def receipt_hash(raw: str) -> str:
    """The stored form of a receipt: hex of Argon2id(receipt, instance salt).

    Malformed input is hashed too, so that no answer comes faster than another.
    """
    digits = receipt_normalize(raw)
    salt = hashlib.sha256(("recours-receipt:" + settings.RECOURS_RECEIPT_SALT).encode()).digest()
    with hash_slot():  # at most RECOURS_HASH_CONCURRENCY hashes at once in this process
        digest = hash_secret_raw(
            secret=digits.encode("ascii"),
            salt=salt,
            time_cost=settings.RECOURS_RECEIPT_ARGON2_TIME_COST,
            memory_cost=settings.RECOURS_RECEIPT_ARGON2_MEMORY_KIB,
            parallelism=1,
            hash_len=32,
            type=Type.ID,
        )
    return digest.hex()


def receipt_is_well_formed(raw: str) -> bool:
    return len(receipt_normalize(raw)) == RECEIPT_DIGITS
