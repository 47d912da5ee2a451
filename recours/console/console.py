"""The console's own entry in its navigation (see recours.console.nav)."""

from django.utils.translation import gettext_lazy as _

CONSOLE_ENTRIES = (
    {"section": "home", "label": _("Accueil"), "url_name": "console:home", "order": 0},
)
