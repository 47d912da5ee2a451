"""Template tags of the console layout."""

from django import template

from recours.casework.selectors import advice_requests_for

register = template.Library()


@register.simple_tag
def pending_advice_count(user) -> int:
    """How many advice requests wait for an answer from the user's teams (shown in the navigation)."""
    return advice_requests_for(user, pending_only=True).count()


@register.simple_tag
def keeps_directory(user) -> bool:
    """Whether the user coordinates (so keeps entries of the directory)."""
    from recours.directory.coordination import is_directory_editor

    return is_directory_editor(user)

