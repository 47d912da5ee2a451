from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from recours.core.bodylimit import API_PREFIX, too_large_response


def csrf_failure(request, reason=""):
    """A plain-French page when a form is sent after its session has expired."""
    return render(
        request,
        "core/csrf_failure.html",
        {"title": _("Votre session a expiré")},
        status=403,
    )


def bad_request(request, exception=None):
    """Django's 400 (malformed or oversized input) in French; a body over the size limit is a 413."""
    if isinstance(exception, RequestDataTooBig):
        return too_large_response(request)
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"message": _("La requête n'a pas pu être lue."), "errors": {}}, status=400)
    return render(request, "core/bad_request.html", {"title": _("Requête incorrecte")}, status=400)
