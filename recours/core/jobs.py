"""The core's periodic jobs: mails whose send failed are tried again."""

import datetime as dt

from recours.core.mail import mail_send_due
from recours.core.periodic import periodic_job


@periodic_job("mail.retry", every=dt.timedelta(minutes=1), description="Renvoi des courriels en attente")
def mail_retry() -> str:
    sent, pending = mail_send_due()
    return f"sent {sent}, still pending or failed {pending}"
