"""Encryption at rest: the one place that encrypts and decrypts.

Authenticated encryption (Fernet: AES-128-CBC + HMAC-SHA256) from the
`cryptography` package, with several keys for rotation: the first key of
RECOURS_ENCRYPTION_KEYS encrypts, every key decrypts (MultiFernet).
"""

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

__all__ = ["InvalidToken", "decrypt_bytes", "decrypt_str", "encrypt_bytes", "encrypt_str", "rotate_token"]


@lru_cache(maxsize=4)
def _multifernet(keys: tuple[str, ...]) -> MultiFernet:
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured("RECOURS_ENCRYPTION_KEYS holds a key that is not a Fernet key.") from exc


def _cipher() -> MultiFernet:
    return _multifernet(tuple(settings.RECOURS_ENCRYPTION_KEYS))


def encrypt_bytes(data: bytes) -> bytes:
    return _cipher().encrypt(data)


def decrypt_bytes(token: bytes, *, ttl: int | None = None) -> bytes:
    """Decrypt; with `ttl` (seconds), a token older than that is refused (InvalidToken)."""
    return _cipher().decrypt(token, ttl=ttl)


def encrypt_str(text: str) -> str:
    """Text must be valid Unicode: forms and the API refuse what is not (core/text.py) before
    anything is stored, so a UnicodeEncodeError here is a caller that skipped that check."""
    return encrypt_bytes(text.encode("utf-8")).decode("ascii")


def decrypt_str(token: str, *, ttl: int | None = None) -> str:
    return decrypt_bytes(token.encode("ascii"), ttl=ttl).decode("utf-8")


def rotate_token(token: bytes) -> bytes:
    """Re-encrypt a token under the newest key (whatever key it was made with)."""
    return _cipher().rotate(token)


def is_current(token: bytes) -> bool:
    """True if the token decrypts with the newest key alone."""
    primary = Fernet(settings.RECOURS_ENCRYPTION_KEYS[0].encode())
    try:
        primary.decrypt(token)
    except InvalidToken:
        return False
    return True
