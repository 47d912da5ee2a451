"""The observatory's entry in the console's navigation: data read by recours.console.nav."""

from django.utils.translation import gettext_lazy as _

CONSOLE_ENTRIES = (
    {"section": "observatory", "label": _("Observatoire"), "url_name": "observatory:reviews", "order": 70},
)
