"""`partner_member_required`: the gate of every page of the partner space.

A member is a user logged in with both factors in this session (recours.accounts: the same
login, lockout and idle timeout as staff) who belongs to an active partner. The view gets the
membership as `request.partner_member`; which rows it may read is `selectors`' decision.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.utils.translation import gettext as _

from recours.accounts.permissions import is_verified
from recours.partners.selectors import membership_of


def _refused(request, message: str):
    return render(request, "partners/refused.html", {"title": _("Accès refusé"), "message": message}, status=403)


def partner_member_required(view=None, *, admin: bool = False):
    def decorate(view_func):
        @wraps(view_func)
        def wrapper(request, *args, **kwargs):
            if not is_verified(request.user):
                return redirect_to_login(request.get_full_path(), "partners:login")
            membership = membership_of(request.user)
            if membership is None:
                return _refused(request, _("Votre compte n'est membre d'aucune structure partenaire."))
            if admin and not membership.is_admin:
                return _refused(request, _("Seuls les gestionnaires de votre structure gèrent ses membres."))
            request.partner_member = membership
            return view_func(request, *args, **kwargs)

        return wrapper

    return decorate(view) if view is not None else decorate
