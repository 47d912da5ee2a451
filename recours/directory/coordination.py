"""Coordinators keep the directory: who may edit which entry, and saving one entry.

A coordinator (or administrator) keeps the entries of the teams they manage
(`Service.team`, `accounts.selectors.teams_managed_by`); the managers of the national team
keep every entry, the national ones and the imported ones included. A role counts for the
team it is held in only: managing Nantes gives no right on the national entries. Advisers
read the directory (search, orientation) but do not edit it. An entry saved from the
screens goes through the same data·inclusion validation as an import, so its match keys,
zone index and position are computed the same way.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from recours.accounts.models import Team
from recours.accounts.selectors import manages_national_team, teams_managed_by
from recours.core.audit import audit_record
from recours.directory.models import Service, ServiceZone, Structure
from recours.directory.schema import Geography, RowError, service_row_validate, structure_row_validate
from recours.directory.selectors import directory_cache_clear
from recours.directory.services import zone_row

SOURCE = "recours"
STALE_AFTER = dt.timedelta(days=365)  # an entry not verified for a year shows as "to verify"


def keeps_everything(user) -> bool:
    """The managers of the national team keep every entry."""
    return manages_national_team(user)


def editor_teams(user) -> list[Team]:
    """The teams on whose behalf the user may create and keep entries: those they manage, by name."""
    return list(teams_managed_by(user).order_by("name"))


def is_directory_editor(user) -> bool:
    return teams_managed_by(user).exists()


def services_editable_by(user) -> QuerySet[Service]:
    services = Service.objects.select_related("structure", "team")
    if keeps_everything(user):
        return services
    return services.filter(team__in=[team.pk for team in editor_teams(user)])


def service_editable_by(user, service: Service) -> bool:
    return services_editable_by(user).filter(pk=service.pk).exists()


def services_to_verify(queryset: QuerySet[Service], *, today: dt.date | None = None) -> QuerySet[Service]:
    """Entries in use never verified, or last verified more than a year ago."""
    today = today or timezone.localdate()
    return queryset.filter(retired_at__isnull=True).filter(
        Q(date_verification__isnull=True) | Q(date_verification__lt=today - STALE_AFTER)
    )


def _new_id(prefix: str) -> str:
    return f"{SOURCE}-{prefix}-{uuid.uuid4().hex[:12]}"


@transaction.atomic
def service_save(*, actor, service: Service | None, row: dict, structure_row: dict, team: Team | None) -> Service:
    """Create or update one entry from the screens' fields, in the data·inclusion format.

    `row` and `structure_row` use the schema's field names (plus our extensions); the ids,
    source and dates are set here. Raises RowError with the reasons, by field."""
    geography = Geography.load()
    today = timezone.localdate()
    structure = service.structure if service else None
    try:
        structure_fields = structure_row_validate({
            **structure_row, "source": structure.source if structure else SOURCE,
            "id": structure.di_id if structure else _new_id("structure"), "date_maj": today.isoformat(),
        }, geography)
    except RowError as error:  # the screens show the structure's fields apart: name them so
        raise RowError({f"structure_{key}": message for key, message in error.errors.items()}) from None
    fields, zones = service_row_validate({
        **row, "source": service.source if service else SOURCE, "id": service.di_id if service else _new_id("service"),
        "structure_id": structure_fields["di_id"], "date_maj": today.isoformat(),
    }, geography)
    fields.pop("structure_di_id")
    if structure is None:
        structure = Structure(**structure_fields)
    else:
        for name, value in structure_fields.items():
            setattr(structure, name, value)
    structure.save()
    created = service is None
    if created:
        service = Service(structure=structure, team=team)
    for name, value in fields.items():
        setattr(service, name, value)
    if not created and team is not None:
        service.team = team
    service.save()
    ServiceZone.objects.filter(service=service).delete()
    ServiceZone.objects.bulk_create([
        ServiceZone(**zone_row(service.pk, code, service, retired=service.retired_at is not None)) for code in zones
    ])
    audit_record(actor=actor, action="directory.create" if created else "directory.update", service=service.pk)
    transaction.on_commit(directory_cache_clear)
    return service

