"""A team's local entry (/l/<slug>/): its page, colours and logo. A report started there is
remembered as started there (the draft's entry) and goes to that team; the chat started from
it asks that team first (recours.chat, `entree`)."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from recours.accounts.selectors import local_entry_get
from recours.theme.views import logo_response, palette_css_response
from recours.core.sessions import session_read_only


def _entry_or_404(slug: str):
    entry = local_entry_get(slug)
    if entry is None:
        raise Http404
    return entry


@require_safe
def entry_home(request, slug: str):
    """The local service's home: who runs it, how to reach it, report / chat / find help."""
    entry = _entry_or_404(slug)
    return render(request, "intake/local_entry.html", {"title": entry.name, "entry": entry})


@require_safe
@session_read_only  # a stylesheet loaded beside each page: it never writes the session
def entry_css(request, slug: str):
    return palette_css_response(_entry_or_404(slug))


@require_safe
def entry_logo(request, slug: str):
    return logo_response(_entry_or_404(slug).logo)
