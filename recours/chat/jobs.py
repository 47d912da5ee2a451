"""The chat's periodic jobs: abandoned chats are ended, chats that did not become a case are purged."""

import datetime as dt

from recours.core.periodic import periodic_job


@periodic_job("chat.stale", every=dt.timedelta(minutes=5),
              description="Fin des tchats dont la personne ne donne plus de nouvelles")
def chat_stale_job(now=None) -> str:
    from recours.chat.services import conversations_end_stale

    return f"ended {conversations_end_stale(now=now)} stale conversation(s)"


@periodic_job("chat.purge", every=dt.timedelta(days=1),
              description="Suppression des tchats terminés sans dossier (durée de conservation)")
def chat_purge_job(now=None) -> str:
    from recours.chat.services import conversations_purge

    return f"deleted {conversations_purge(now=now)} conversation(s) without a case"
