"""Reads on teams and staff. Which cases a user may see is decided in casework.selectors.cases_visible_to."""

from __future__ import annotations

from django.db.models import QuerySet

from recours.accounts.models import Membership, Team


def teams_of(user) -> QuerySet[Team]:
    """The active teams a user belongs to."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Team.objects.none()
    return Team.objects.filter(active=True, memberships__user=user).distinct()


def memberships_of(user) -> QuerySet[Membership]:
    """A user's memberships of active teams, with their teams, by team name."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Membership.objects.none()
    return Membership.objects.filter(user=user, team__active=True).select_related("team").order_by("team__name")


def user_has_role(user, roles) -> bool:
    """Whether the user holds one of `roles` in at least one active team."""
    return memberships_of(user).filter(role__in=list(roles)).exists()


def __getattr__(name):
    # `cases_visible_to` lives in casework.selectors now; kept importable from here while
    # other modules still import it (resolved lazily: casework depends on accounts, not back).
    if name == "cases_visible_to":
        from recours.casework.selectors import cases_visible_to

        return cases_visible_to
    raise AttributeError(name)
