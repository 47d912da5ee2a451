"""Casework's periodic jobs: structures reminded of hand-overs that wait for their answer."""

import datetime as dt

from recours.core.periodic import periodic_job


@periodic_job("orientation.remind", every=dt.timedelta(hours=6),
              description="Relance des structures pour les orientations qui attendent une réponse")
def orientations_remind() -> str:
    from recours.casework.orientation import handovers_remind

    return f"reminders {handovers_remind()}"
