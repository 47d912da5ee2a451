"""The rights pages' entry in the console's navigation (data read by recours.console.nav): for their editors."""

from django.utils.translation import gettext_lazy as _


def edits_rights(user) -> bool:
    from recours.rights.selectors import rights_editor

    return rights_editor(user)


CONSOLE_ENTRIES = (
    {"section": "rights", "label": _("Connaître mes droits"), "url_name": "rights_console:list", "order": 65,
     "visible": edits_rights},
)
