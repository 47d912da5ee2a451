"""Run in a fresh process on a restored database: what its keys let it read.

`python -m tests.ops.restored RECEIPT` with DATABASE_URL pointing to the restored database and
the instance's keys in the environment prints one JSON line:
- "followup": the follow-up page opened by the receipt through Django's test client (the
  person's own path), its status and its text;
- "decrypted": the narrative column of every case, decrypted with the keys given, or the
  name of the error when they cannot.
"""

import json
import os
import sys


def main(receipt: str) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from recours.core import crypto
    from recours.core.receipts import receipt_format

    decrypted = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT narrative FROM casework_case ORDER BY id")
        for (token,) in cursor.fetchall():
            try:
                decrypted.append(crypto.decrypt_str(token))
            except crypto.InvalidToken:
                decrypted.append("InvalidToken")

    client = Client(raise_request_exception=False)
    login = client.post("/suivi/", {"action": "login", "receipt": receipt_format(receipt)})
    page = client.get("/suivi/") if login.status_code == 302 else login
    return {
        "login_status": login.status_code,
        "followup_status": page.status_code,
        "followup": page.content.decode(),
        "decrypted": decrypted,
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1])))
