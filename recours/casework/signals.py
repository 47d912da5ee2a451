"""Signals of the case workflow, for the apps that read from casework (observatory, chat).

All are sent with `sender=Case, case=<Case>, actor=<user or None>`.

`case_qualified` and `case_closed` are sent once the transaction that made the change has
committed (`transaction.on_commit`): a receiver never sees a change that was rolled back.

`case_purging` is sent by `services.case_purge` inside its transaction, before the case is
deleted: a receiver still reads the whole case (the observatory makes its record if it has
none) and deletes its own rows that point at the case without cascading (the chat's
conversation). A receiver that fails stops the purge: nothing is deleted.
"""

from django.dispatch import Signal

case_qualified = Signal()  # a case's qualification was saved (first time or again)
case_closed = Signal()  # a case was closed with an outcome
case_purging = Signal()  # a case is about to be deleted, its retention period over
