from django.shortcuts import render
from django.utils.translation import gettext as _


def csrf_failure(request, reason=""):
    """A plain-French page when a form is sent after its session has expired."""
    return render(
        request,
        "core/csrf_failure.html",
        {"title": _("Votre session a expiré")},
        status=403,
    )
