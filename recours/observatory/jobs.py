"""The daily retention purge: personal data of closed cases whose time is over; records stay."""

import datetime as dt

from recours.core.periodic import periodic_job


@periodic_job("retention.purge", every=dt.timedelta(days=1),
              description="Purge des données personnelles des dossiers clos (durées de conservation)")
def retention_purge_job() -> str:
    from recours.observatory.retention import retention_purge

    purged = retention_purge()
    return f"purged {len(purged)} case(s)"
