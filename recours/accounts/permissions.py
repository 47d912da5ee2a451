"""`staff_required`: the gate of every console view.

A staff member is a user who is logged in, has passed the second factor in this
session, and belongs to at least one active team. Which cases they see is not decided
here but in casework.selectors.cases_visible_to.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.utils.translation import gettext as _

from recours.accounts.selectors import memberships_of, user_has_role


def is_verified(user) -> bool:
    """Logged in with both factors in this session (django-otp's middleware sets is_verified)."""
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_verified", lambda: False)())


def refuse(request, message):
    """The console's "access refused" page (403) with `message`."""
    return render(request, "accounts/refused.html", {"title": _("Accès refusé"), "message": message}, status=403)


def staff_refusal(request, roles=None):
    """None when the request may go on; otherwise the response that refuses it."""
    user = request.user
    if not is_verified(user):
        return redirect_to_login(request.get_full_path())
    if not memberships_of(user).exists():
        return refuse(request, _("Votre compte n'appartient à aucune équipe active. Demandez à un administrateur de vous ajouter à une équipe."))
    if roles and not user_has_role(user, roles):
        return refuse(request, _("Cette page est réservée à d'autres rôles que le vôtre."))
    return None


def staff_required(view=None, *, roles=None):
    """Decorate a console view: `@staff_required`, or `@staff_required(roles=MANAGER_ROLES)`.

    `roles` opens the page to whoever holds one of them in at least one team; it says nothing
    about which team's data the page may show or change. A page about a team's data scopes
    it with `selectors.teams_managed_by(user)` (a role counts for the team it is held in)."""

    def decorate(view_func):
        @wraps(view_func)
        def wrapper(request, *args, **kwargs):
            refusal = staff_refusal(request, roles)
            if refusal is not None:
                return refusal
            return view_func(request, *args, **kwargs)

        return wrapper

    return decorate(view) if view is not None else decorate


class StaffRequiredMixin:
    """The same gate for class-based views; set `staff_roles` to restrict to some roles."""

    staff_roles = None

    def dispatch(self, request, *args, **kwargs):
        refusal = staff_refusal(request, self.staff_roles)
        if refusal is not None:
            return refusal
        return super().dispatch(request, *args, **kwargs)
