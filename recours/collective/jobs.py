"""The collective treatment's periodic job: respondents nothing keeps any more are deleted."""

import datetime as dt

from recours.core.periodic import periodic_job


@periodic_job("collective.respondents_expire", every=dt.timedelta(days=1),
              description="Suppression des mis en cause qu'aucun dossier ne cite plus (durée de conservation)")
def respondents_expire_job() -> str:
    from recours.collective.services import respondents_expire

    return f"{respondents_expire()} deleted"
