"""Casework's entries in the console's navigation: data read by recours.console.nav.

Every count is a number computed from the user's teams' cases (casework.selectors), never a
word of what a case says: the navigation and the notifications show only these numbers.
"""

from django.utils.translation import gettext_lazy as _


def pending_advice_count(user) -> int:
    """How many advice requests wait for an answer from the user's teams."""
    from recours.casework.selectors import advice_requests_for

    return advice_requests_for(user, pending_only=True).count()


def new_cases_count(user) -> int:
    from recours.casework.selectors import new_cases_count

    return new_cases_count(user)


def my_cases_waiting_count(user) -> int:
    from recours.casework.selectors import my_cases_waiting_count

    return my_cases_waiting_count(user)


def callbacks_due_count(user) -> int:
    from recours.casework.selectors import callbacks_due_count

    return callbacks_due_count(user)


CONSOLE_ENTRIES = (
    {"section": "queue", "label": _("Dossiers"), "url_name": "casework:queue", "order": 10,
     "count": new_cases_count, "count_label": _("nouveaux")},
    {"section": "mine", "label": _("Mes dossiers"), "url_name": "casework:queue", "query": "vue=moi", "order": 12,
     "count": my_cases_waiting_count, "count_label": _("avec un nouveau message")},
    {"section": "callbacks", "label": _("Rappels"), "url_name": "console:home", "fragment": "rappels", "order": 15,
     "count": callbacks_due_count, "count_label": _("à faire")},
    {"section": "calls", "label": _("Nouvel appel"), "url_name": "casework:call_new", "order": 20},
    {"section": "advice", "label": _("Avis demandés"), "url_name": "casework:advice_list", "order": 30,
     "count": pending_advice_count, "count_label": _("en attente")},
    {"section": "templates", "label": _("Réponses types"), "url_name": "casework:templates", "order": 40},
)
