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


# The roles that manage a team: its coordinators and its administrators. A role counts
# for the team it is held in, nowhere else.
MANAGER_ROLES = ("coordinator", "administrator")


def teams_managed_by(user) -> QuerySet[Team]:
    """The active teams in which the user holds a manager role (coordinator or administrator).

    The one answer to "which teams does this user manage": every coordinator right is
    checked against these teams, never against "is a coordinator somewhere"."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Team.objects.none()
    return Team.objects.filter(
        active=True, memberships__user=user, memberships__role__in=MANAGER_ROLES
    ).distinct()


def manages_national_team(user) -> bool:
    """Whether the user manages the national team (national coordination sees every territory)."""
    return teams_managed_by(user).filter(is_national=True).exists()


def user_has_role(user, roles) -> bool:
    """Whether the user holds one of `roles` in at least one active team."""
    return memberships_of(user).filter(role__in=list(roles)).exists()



def colleagues_of(user) -> QuerySet:
    """Active users who share an active team with the user (the user included), by name."""
    from django.contrib.auth import get_user_model

    team_ids = list(memberships_of(user).values_list("team_id", flat=True))
    return (
        get_user_model().objects.filter(is_active=True, memberships__team_id__in=team_ids)
        .distinct().order_by("first_name", "last_name", "username")
    )


def local_entry_get(slug: str):
    """The active local entry of an active team at /l/<slug>/, or None."""
    from recours.accounts.models import LocalEntry

    if not slug:
        return None
    return LocalEntry.objects.select_related("team").filter(slug=slug, active=True, team__active=True).first()
