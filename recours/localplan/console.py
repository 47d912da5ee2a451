"""The local plan report in the console: its navigation entry and the QPV panel on the case
(data read by recours.console.nav and recours.console.panels)."""

from django.utils.translation import gettext_lazy as _


def qpv_panel(case, user) -> dict:
    from recours.localplan import selectors

    return {"qpvs": list(selectors.qpvs()), "current": selectors.qpv_of_case(case)}


def coordinates_a_team(user) -> bool:
    from recours.accounts.selectors import teams_managed_by

    return teams_managed_by(user).exists()


CONSOLE_ENTRIES = (
    {"section": "localplan", "label": _("Plan local"), "url_name": "localplan:index", "order": 55,
     "visible": coordinates_a_team},
)

CASE_PANELS = (
    {"template": "localplan/case_panel.html", "context": qpv_panel, "order": 20},
)
