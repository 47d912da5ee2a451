"""Reads on teams and staff, and the one place that decides which cases a user may see."""

from __future__ import annotations

from django.db.models import QuerySet

from recours.accounts.models import Membership, Team
from recours.casework.models import Case


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


def cases_visible_to(user) -> QuerySet[Case]:
    """Every case a user may see: those of their active teams. Nothing else, superuser or not.

    Every console page, export and API route that shows cases starts from this queryset
    (and looks a single case up in it, so another team's case is a 404). When transfers
    come, a transferred case changes team, so it follows its new team here.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Case.objects.none()
    return Case.objects.filter(team__active=True, team__memberships__user=user)
