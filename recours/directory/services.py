"""Writes of the directory: entries saved in bulk (imports, seed data) or one by one (screens)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from recours.core.audit import audit_record
from recours.directory.models import Service, ServiceZone, Structure

BATCH = 1000
STRUCTURE_FIELDS = [
    f.name for f in Structure._meta.concrete_fields if f.name not in ("id", "di_id", "created_at", "updated_at")
]
SERVICE_FIELDS = [
    f.name for f in Service._meta.concrete_fields
    if f.name not in ("id", "di_id", "created_at", "updated_at", "structure", "retired_at", "verified_by")
] + ["structure"]


@dataclass
class UpsertCounts:
    structures_created: int = 0
    structures_updated: int = 0
    services_created: int = 0
    services_updated: int = 0


def _existing(model, di_ids: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(di_ids), BATCH):
        chunk = di_ids[start:start + BATCH]
        found.update(model.objects.filter(di_id__in=chunk).values_list("di_id", "pk"))
    return found


@transaction.atomic
def directory_upsert(
    *, structures: list[dict], services: list[tuple[dict, list[str]]], is_demo: bool = False
) -> UpsertCounts:
    """Create or update structures and services by their data·inclusion id, zones included.

    `structures` are fields from `structure_row_validate`; `services` are (fields, zones) from
    `service_row_validate`, whose `structure_di_id` must name a structure given here or
    already known. Everything is written in bulk, in one transaction.
    """
    counts = UpsertCounts()
    now = timezone.now()

    known = _existing(Structure, [s["di_id"] for s in structures])
    new, changed = [], []
    for fields in structures:
        obj = Structure(**fields, is_demo=is_demo)
        obj.updated_at = now
        if fields["di_id"] in known:
            obj.pk = known[fields["di_id"]]
            changed.append(obj)
        else:
            obj.created_at = now
            new.append(obj)
    Structure.objects.bulk_create(new, batch_size=BATCH)
    Structure.objects.bulk_update(changed, STRUCTURE_FIELDS + ["updated_at"], batch_size=BATCH)
    counts.structures_created, counts.structures_updated = len(new), len(changed)

    structure_ids = _existing(Structure, sorted({f["structure_di_id"] for f, _ in services}))
    known = _existing(Service, [f["di_id"] for f, _ in services])
    new, changed, zones_of = [], [], {}
    for fields, zones in services:
        values = {k: v for k, v in fields.items() if k != "structure_di_id"}
        obj = Service(**values, structure_id=structure_ids[fields["structure_di_id"]], is_demo=is_demo)
        obj.updated_at = now
        if fields["di_id"] in known:
            obj.pk = known[fields["di_id"]]
            changed.append(obj)
        else:
            obj.created_at = now
            new.append(obj)
        zones_of[fields["di_id"]] = zones
    Service.objects.bulk_create(new, batch_size=BATCH)
    Service.objects.bulk_update(changed, SERVICE_FIELDS + ["updated_at"], batch_size=BATCH)
    counts.services_created, counts.services_updated = len(new), len(changed)

    ids = _existing(Service, list(zones_of))
    changed_ids = [obj.pk for obj in changed]
    for start in range(0, len(changed_ids), BATCH):
        ServiceZone.objects.filter(service_id__in=changed_ids[start:start + BATCH]).delete()
    ServiceZone.objects.bulk_create(
        [ServiceZone(service_id=ids[di_id], code=code) for di_id, zones in zones_of.items() for code in zones],
        batch_size=BATCH * 5,
    )
    return counts


def structure_di_id_missing(services: list[tuple[dict, list[str]]], structures: list[dict]) -> set[str]:
    """Structure ids that services point to and that neither the batch nor the database knows."""
    wanted = {f["structure_di_id"] for f, _ in services} - {s["di_id"] for s in structures}
    return wanted - set(_existing(Structure, sorted(wanted)))


@transaction.atomic
def service_verify(*, service: Service, actor, on: dt.date | None = None) -> Service:
    """A coordinator checked the entry with the structure: record when and who."""
    service.date_verification = on or timezone.localdate()
    service.verified_by = actor
    service.save(update_fields=["date_verification", "verified_by", "updated_at"])
    audit_record(actor=actor, action="directory.verify", service=service.pk)
    return service


@transaction.atomic
def service_retire(*, service: Service, actor) -> Service:
    """Take an entry out of searches; its past orientations keep pointing to it."""
    service.retired_at = timezone.now()
    service.save(update_fields=["retired_at", "updated_at"])
    audit_record(actor=actor, action="directory.retire", service=service.pk)
    return service


@transaction.atomic
def service_restore(*, service: Service, actor) -> Service:
    service.retired_at = None
    service.save(update_fields=["retired_at", "updated_at"])
    audit_record(actor=actor, action="directory.restore", service=service.pk)
    return service
