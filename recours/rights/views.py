"""Public pages of "Connaître mes droits": the list with its search, one situation."""

from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from recours.rights import selectors
from recours.rights.forms import RightsSearchForm
from recours.rights.translations import localized


@require_safe
def rights_list(request):
    """Every situation, by ground, narrowed by words, a ground and a domain (a GET form: no session, no cookie)."""
    form = RightsSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    pages = list(selectors.rights_search(
        query=filters.get("q", ""), ground=filters.get("motif", ""), domain=filters.get("domaine", ""),
        language=translation.get_language() or ""))
    groups: list[tuple[str, list]] = []
    for page in map(localized, pages):  # in the page's language where translated (rights/translations.py)
        if not groups or groups[-1][0] != page.ground_label:
            groups.append((page.ground_label, []))
        groups[-1][1].append(page)
    return render(request, "rights/list.html", {
        "title": _("Connaître mes droits"), "form": form, "groups": groups, "count": len(pages),
        "searched": bool(filters and any(filters.values())),
    })


@require_safe
def rights_detail(request, slug: str):
    page = selectors.rights_page_public(slug)
    if page is None:
        raise Http404
    prefill = urlencode({"motif": page.ground_id, "domaine": page.domain_id})
    return render(request, "rights/detail.html", {
        "title": localized(page).title, "page": localized(page),
        "related": [localized(other) for other in selectors.rights_related(page)],
        # The report form and the directory's search open with this ground and domain chosen.
        "report_url": f"{reverse('intake:report')}?{prefill}",
        "nearby_url": f"{reverse('directory:search')}?{prefill}",
    })


# Easy-read (FALC) pages: their title and the usual page they stand for (a URL name).
EASY_READ = {
    "accueil": (lambda: _("Le service"), "theme:home"),
    "signaler": (lambda: _("Raconter ce qui s'est passé"), "intake:report"),
    "code-de-suivi": (lambda: _("Le code de suivi"), "intake:followup"),
    "suivi": (lambda: _("Lire nos réponses"), "intake:followup"),
    "quitter": (lambda: _("Quitter le site très vite"), "theme:safe_browsing"),
    "droits": (lambda: _("Vos droits"), "rights:list"),
}


@require_safe
def easy_read(request, page: str):
    """An easy-read page (templates rights/facile/): no form, no session, no cookie."""
    if page not in EASY_READ:
        raise Http404
    title, usual = EASY_READ[page]
    return render(request, f"rights/facile/{page}.html", {"title": title(), "usual_url": reverse(usual)})
