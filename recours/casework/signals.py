"""Signals of the case workflow, for the apps that read from casework (observatory, mail).

Both are sent with `sender=Case, case=<Case>, actor=<user>` once the transaction that
made the change has committed (`transaction.on_commit`): a receiver never sees a change
that was rolled back.
"""

from django.dispatch import Signal

case_qualified = Signal()  # a case's qualification was saved (first time or again)
case_closed = Signal()  # a case was closed with an outcome
