"""The partner spaces' entry in the console's navigation (data read by recours.console.nav): for coordinators."""

from django.utils.translation import gettext_lazy as _


def manages_a_team(user) -> bool:
    from recours.accounts.selectors import teams_managed_by

    return teams_managed_by(user).exists()


CONSOLE_ENTRIES = (
    {"section": "arrivals", "label": _("Courrier et accueil"), "url_name": "partners_arrivals:new", "order": 15},
    {"section": "partners", "label": _("Partenaires"), "url_name": "partners_console:list", "order": 65,
     "visible": manages_a_team},
)
