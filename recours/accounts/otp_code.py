"""Print the current TOTP code of a base32 key: `python -m recours.accounts.otp_code KEY`.

For development with the demo accounts (whose keys load_demo_data prints) when no
authenticator app is at hand. Needs no settings and no database: the key is all it uses.
"""

import sys
import time
from base64 import b32decode

from django_otp.oath import TOTP


def current_code(secret: str, *, at: float | None = None) -> str:
    secret = "".join(secret.split()).upper()
    key = b32decode(secret + "=" * (-len(secret) % 8))
    totp = TOTP(key)
    totp.time = time.time() if at is None else at
    return f"{totp.token():06d}"


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m recours.accounts.otp_code BASE32KEY")
    now = time.time()
    print(f"{current_code(sys.argv[1], at=now)}  (valid for {30 - int(now) % 30} more seconds)")
