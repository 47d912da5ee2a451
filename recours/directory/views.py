"""Public pages of the directory: find help near me."""

import json

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from recours.accounts.selectors import local_entry_get
from recours.core.crypto import InvalidToken, decrypt_str, encrypt_str
from recours.directory.forms import PublicSearchForm

SEARCH_SESSION_KEY = "directory_search"


def _search_remember(session, posted) -> None:
    """The search just posted, for the GET that shows it (encrypted: it may name grounds)."""
    fields = {name: posted.getlist(name) for name in posted if name != "csrfmiddlewaretoken"}
    session[SEARCH_SESSION_KEY] = encrypt_str(json.dumps(fields))


def _search_recalled(session) -> MultiValueDict | None:
    token = session.get(SEARCH_SESSION_KEY)
    if not token:
        return None
    try:
        return MultiValueDict(json.loads(decrypt_str(token)))
    except (InvalidToken, ValueError):
        session.pop(SEARCH_SESSION_KEY, None)
        return None


@require_http_methods(["GET", "POST"])
def search(request):
    """"Trouver de l'aide près de chez moi". The search is posted, not put in the address: the
    grounds a person looks help for must not stay in the browser's history. The POST is answered
    by a redirect (post/redirect/get: Back or reload never offers to send it again); the search
    waits in the session, encrypted, for the GET, and until the next search or the session's end."""
    if request.method == "POST":
        _search_remember(request.session, request.POST)
        return redirect(reverse("directory:search") + "#resultats")
    posted = _search_recalled(request.session)
    if posted is None and (request.GET.get("motif") or request.GET.get("domaine")):
        # A link that chooses the ground and domain in advance (a "know your rights" page):
        # the form opens with them ticked, and the person adds a postal code.
        form = PublicSearchForm(initial={"grounds": [request.GET.get("motif", "")], "domain": request.GET.get("domaine", "")})
    else:
        form = PublicSearchForm(posted)
    results = form.search() if posted is not None and form.is_valid() else None
    # From a team's local entry (/l/<slug>/, `entree`): that team's services come first.
    entry = local_entry_get(request.GET.get("entree") or (posted.get("entree") if posted is not None else "") or "")
    if results is not None and entry is not None:
        results.local.sort(key=lambda result: result.service.team_id != entry.team_id)  # stable: best first within
    return render(request, "directory/search.html", {
        "title": _("Trouver de l'aide près de chez moi"), "form": form, "results": results, "entry": entry,
    })
