"""The chat's entry in the console's navigation: data read by recours.console.nav."""

from django.utils.translation import gettext_lazy as _


def chats_waiting_count(user) -> int:
    from recours.chat.selectors import waiting_count

    return waiting_count(user)


CONSOLE_ENTRIES = (
    {"section": "chat", "label": _("Tchat"), "url_name": "chat:console_queue", "order": 50,
     "count": chats_waiting_count, "count_label": _("en attente")},
)
