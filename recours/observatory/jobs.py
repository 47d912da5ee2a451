"""The daily retention purge: personal data of closed cases whose time is over; records stay."""

import datetime as dt

from django.utils.translation import gettext as _

from recours.core.periodic import periodic_job


@periodic_job("retention.purge", every=dt.timedelta(days=1),
              description="Purge des données personnelles des dossiers clos (durées de conservation)")
def retention_purge_job() -> str:
    """Its summary is shown on the coordinators' retention page: in French."""
    from django.utils.translation import ngettext

    from recours.observatory.retention import retention_purge

    count = len(retention_purge())
    if not count:
        return _("aucun dossier purgé")
    return ngettext("%(count)d dossier purgé", "%(count)d dossiers purgés", count) % {"count": count}
