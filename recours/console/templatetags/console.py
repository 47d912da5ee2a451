"""Template tags of the console layout."""

from django import template

from recours.console.nav import console_navigation

register = template.Library()


@register.simple_tag(takes_context=True)
def console_nav(context, user):
    """The navigation entries `user` sees; the page's `console_section` is the current one."""
    return console_navigation(user, current=context.get("console_section", ""))


@register.simple_tag(takes_context=True)
def case_panels(context, case):
    """The other apps' panels of a case file, for the page's user (recours.console.panels)."""
    from recours.console.panels import case_panels as panels

    return panels(case, context["request"].user)


@register.simple_tag
def console_identity(user) -> dict:
    """The identity bar's facts: the adviser's name, teams and availability (with its choices)."""
    from recours.accounts.selectors import memberships_of
    from recours.chat.models import AvailabilityStatus
    from recours.chat.selectors import availability_of

    if not getattr(user, "is_authenticated", False):
        return {}
    return {
        "name": user.get_full_name() or user.get_username(),
        "teams": [membership.team.name for membership in memberships_of(user)],
        "availability": availability_of(user),
        "choices": AvailabilityStatus.choices,
    }


@register.simple_tag
def console_poll_seconds() -> int:
    """How often console.js asks for the notifications (RECOURS_CONSOLE_POLL_SECONDS)."""
    from django.conf import settings

    return settings.RECOURS_CONSOLE_POLL_SECONDS


@register.simple_tag
def saved_filters(user, query: str = "") -> dict:
    """The user's saved filters of the queue (her own only), each with its address, the one
    matching the queue's current query marked; and that query, cleaned, for "save these filters"."""
    from django.urls import reverse

    from recours.console.filters import filters_of, queue_query

    current = queue_query(query)
    base = reverse("casework:queue")
    return {
        "query": current,
        "items": [
            {"pk": saved.pk, "name": saved.name, "url": f"{base}?{saved.query}" if saved.query else base,
             "current": saved.query == current, "rename_url": reverse("console:filter_rename", args=[saved.pk]),
             "delete_url": reverse("console:filter_delete", args=[saved.pk])}
            for saved in filters_of(user)
        ],
    }
