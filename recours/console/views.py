"""The console's own pages: the home for the day, the adviser's availability, the notifications poll."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from recours.accounts.permissions import staff_required
from recours.accounts.selectors import memberships_of, teams_managed_by
from recours.casework.selectors import cases_visible_to, first_answer_times, team_load
from recours.console import filters, notifications
from recours.directory.coordination import is_directory_editor, services_editable_by
from recours.directory.selectors import services_to_verify_for
from recours.core.sessions import session_read_only


TO_VERIFY_SHOWN = 8  # directory entries listed on the home; the rest behind the directory's "to verify" list


@staff_required
def home(request):
    user = request.user
    rows = [
        {"key": membership.team.name, "value": f"{membership.get_role_display()} — {membership.team.get_kind_display()}"}
        for membership in memberships_of(user)
    ]
    managed = list(teams_managed_by(user))
    coordination = None
    if managed:
        since = timezone.now() - dt.timedelta(days=7)
        coordination = {"load": team_load(managed), "first_answers": first_answer_times(managed, since=since)}
    to_verify = services_to_verify_for(user)
    shown = list(to_verify[:TO_VERIFY_SHOWN])
    editable = set(services_editable_by(user).filter(pk__in=[service.pk for service in shown]).values_list("pk", flat=True))
    return render(
        request,
        "console/home.html",
        {
            "title": _("Console"),
            "name": user.get_full_name() or user.get_username(),
            "team_rows": rows,
            "case_count": cases_visible_to(user).count(),
            "day": notifications.day_for(user),
            "coordination": coordination,
            "to_verify": shown,
            "to_verify_count": to_verify.count() if len(shown) == TO_VERIFY_SHOWN else len(shown),
            "to_verify_editable": editable,
            "keeps_directory": is_directory_editor(user),
            "console_section": "home",
        },
    )


@staff_required
@require_POST
def availability(request):
    """The identity bar's form: available, busy or away (busy and away take the adviser out of
    the chat's availability). Back to the page it was sent from."""
    from recours.chat.models import AvailabilityStatus
    from recours.chat.services import availability_set

    status = request.POST.get("disponibilite", "")
    if status in AvailabilityStatus.values:
        availability_set(user=request.user, status=status)
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        next_url = "console:home"
    return redirect(next_url)


@session_read_only
@never_cache
@require_GET
@staff_required
def notifications_poll(request):
    """The numbers behind the console's notifications, as JSON, polled by console/notifications.js.

    Numbers only (no reference, name or word of a case): a notification shown on a shared
    screen tells that something waits, never what. Read-only for the session (see
    core.sessions): polling neither extends the session nor races the page loads' saves.
    """
    return JsonResponse(notifications.poll_for(request.user))



def _back_to_queue(request, query: str = ""):
    from django.urls import reverse

    url = reverse("casework:queue")
    return redirect(f"{url}?{query}" if query else url)


def _saved_or_404(request, pk: int):
    from django.http import Http404

    saved = filters.filter_of(request.user, pk)
    if saved is None:  # another adviser's filter is not there, for this user
        raise Http404
    return saved


@staff_required
@require_POST
def filter_save(request):
    """Name the queue's current query (`query`, what the queue's address says after `?`)."""
    query = request.POST.get("query", "")
    try:
        saved = filters.filter_save(owner=request.user, name=request.POST.get("name", ""), query=query)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _back_to_queue(request, filters.queue_query(query))
    messages.success(request, _("Le filtre « %(name)s » est enregistré.") % {"name": saved.name})
    return _back_to_queue(request, saved.query)


@staff_required
@require_POST
def filter_rename(request, pk: int):
    saved = _saved_or_404(request, pk)
    try:
        filters.filter_rename(saved=saved, name=request.POST.get("name", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Le filtre s'appelle maintenant « %(name)s ».") % {"name": saved.name})
    return _back_to_queue(request, filters.queue_query(request.POST.get("query", "")))


@staff_required
@require_POST
def filter_delete(request, pk: int):
    saved = _saved_or_404(request, pk)
    name = saved.name
    filters.filter_delete(saved=saved)
    messages.success(request, _("Le filtre « %(name)s » est supprimé.") % {"name": name})
    return _back_to_queue(request, filters.queue_query(request.POST.get("query", "")))
