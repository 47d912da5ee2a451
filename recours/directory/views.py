"""Public pages of the directory: find help near me."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from recours.directory.forms import DirectorySearchForm


@require_http_methods(["GET", "POST"])
def search(request):
    """"Trouver de l'aide près de chez moi". The search is posted, not put in the address:
    the grounds a person looks help for must not stay in the browser's history."""
    form = DirectorySearchForm(request.POST if request.method == "POST" else None)
    results = form.search() if request.method == "POST" and form.is_valid() else None
    return render(request, "directory/search.html", {
        "title": _("Trouver de l'aide près de chez moi"), "form": form, "results": results,
    })
