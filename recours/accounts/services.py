"""Writes on teams and staff: the national team, territorial teams, memberships, staff accounts.

The login itself (lockout, second factor, enrolment) is in login.py.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from recours.accounts.models import Membership, Role, Team, TeamKind
from recours.core.instance import instance_get

NATIONAL_SLUG = "nationale"


def _unique_slug(base: str) -> str:
    base = (slugify(base) or "equipe")[:50]
    slug, number = base, 1
    while Team.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def team_national_get() -> Team:
    """The national team, created the first time it is needed, named after the instance's operator.

    There is exactly one: the database refuses a second (partial unique index), and
    when two requests create it at once the loser reads the winner's.
    """
    team = Team.objects.filter(is_national=True).first()
    if team is not None:
        return team
    name = (instance_get().operator or _("Équipe nationale"))[:200]
    try:
        with transaction.atomic():
            return Team.objects.create(name=name, slug=_unique_slug(NATIONAL_SLUG), kind=TeamKind.NATIONAL)
    except IntegrityError:
        return Team.objects.get(is_national=True)


@transaction.atomic
def team_create(
    *,
    name: str,
    kind: str,
    slug: str = "",
    region_id: str | None = None,
    departement_id: str | None = None,
    commune_ids: Iterable[str] = (),
    active: bool = True,
) -> Team:
    """Create a team on its territory; the national team comes from `team_national_get` and is never created twice."""
    commune_ids = list(dict.fromkeys(commune_ids))
    if kind == TeamKind.NATIONAL and Team.objects.filter(is_national=True).exists():
        raise ValidationError({"kind": _("Il existe déjà une équipe nationale.")})
    if kind == TeamKind.COMMUNES and not commune_ids:
        raise ValidationError({"communes": _("Choisissez au moins une commune.")})
    if kind != TeamKind.COMMUNES and commune_ids:
        raise ValidationError({"communes": _("Des communes ne s'indiquent que pour une équipe communale.")})
    team = Team(
        name=name,
        slug=slug or _unique_slug(name),
        kind=kind,
        region_id=region_id,
        departement_id=departement_id,
        active=active,
    )
    team.full_clean()
    team.save()
    if commune_ids:
        team.communes.set(commune_ids)
    return team


def membership_set(*, user, team: Team, role: str = Role.ADVISER) -> Membership:
    """Put a user in a team with a role (or change their role there)."""
    membership, _created = Membership.objects.update_or_create(user=user, team=team, defaults={"role": role})
    return membership


@transaction.atomic
def staff_user_create(
    *,
    username: str,
    password: str,
    team: Team,
    role: str = Role.ADVISER,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    admin_site: bool = False,
):
    """Create a staff account in a team. Its second factor is set up at first login (login.py).

    `admin_site` also opens Django's admin (/gestion/admin/) to the account, as a superuser.
    """
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        raise ValidationError({"username": _("Cet identifiant est déjà pris.")})
    user = User(
        username=username, email=email, first_name=first_name, last_name=last_name,
        is_staff=admin_site, is_superuser=admin_site,
    )
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    membership_set(user=user, team=team, role=role)
    return user
