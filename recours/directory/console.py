"""The directory's entry in the console's navigation (data read by recours.console.nav): for its editors."""

from django.utils.translation import gettext_lazy as _


def keeps_directory(user) -> bool:
    """Whether the user coordinates a team (so keeps entries of the directory)."""
    from recours.directory.coordination import is_directory_editor

    return is_directory_editor(user)


CONSOLE_ENTRIES = (
    {"section": "directory", "label": _("Annuaire"), "url_name": "directory_coordination:list", "order": 60,
     "visible": keeps_directory},
)
