"""Writes of the directory: entries saved in bulk (imports, seed data) or one by one (screens)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone

from recours.core.audit import audit_record
from recours.directory.models import Service, ServiceZone, Structure
from recours.directory.selectors import directory_cache_clear

BATCH = 1000
STRUCTURE_FIELDS = [
    f.name for f in Structure._meta.concrete_fields if f.name not in ("id", "di_id", "created_at", "updated_at")
]
SERVICE_FIELDS = [
    f.name for f in Service._meta.concrete_fields
    if f.name not in ("id", "di_id", "created_at", "updated_at", "structure", "retired_at", "verified_by", "team")
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


def _adapter(field, connection):
    """How a value of `field` goes to the database driver (what the ORM would do, without
    its per-value machinery: bulk_create spent most of an import in it, bench/directory.py)."""
    ops = connection.ops
    if isinstance(field, models.JSONField):
        return lambda value: ops.adapt_json_value(value, field.encoder)
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    return None


def _rows_write(model, rows: list[dict], columns: list[str], *, update: bool = False) -> None:
    """INSERT (or UPDATE by "id") `rows`, dicts keyed by attname, with one executemany per batch."""
    if not rows:
        return
    connection = transaction.get_connection()
    quote = connection.ops.quote_name
    fields = [model._meta.get_field(name) for name in columns]
    attnames = [f.attname for f in fields]
    adapters = [_adapter(f, connection) for f in fields]
    table = quote(model._meta.db_table)
    defaults = {f.attname: f.get_default() for f in fields}
    params = []
    for row in rows:
        values = [row[name] if name in row else defaults[name] for name in attnames]
        values = [adapt(v) if adapt and v is not None else v for adapt, v in zip(adapters, values)]
        params.append(values + [row["id"]] if update else values)
    with connection.cursor() as cursor:
        if update:
            sql = f"UPDATE {table} SET {', '.join(f'{quote(f.column)} = %s' for f in fields)} WHERE {quote('id')} = %s"
            for start in range(0, len(params), BATCH * 5):
                cursor.executemany(sql, params[start:start + BATCH * 5])
            return
        columns = ", ".join(quote(f.column) for f in fields)
        if connection.vendor == "postgresql":
            # COPY: the rows stream in one command; an INSERT per row, or many rows per INSERT,
            # spent most of an import in the driver (bench/directory.py).
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for values in params:
                    copy.write_row(values)
            return
        sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
        for start in range(0, len(params), BATCH * 5):
            cursor.executemany(sql, params[start:start + BATCH * 5])


ZONE_SEARCH_FIELDS = ("criteres_cle", "domaines_cle", "latitude", "longitude")
ZONE_COLUMNS = ["service", "code", "listed", *ZONE_SEARCH_FIELDS]


def zone_row(service_id: int, code: str, fields, *, retired: bool = False) -> dict:
    """One row of `ServiceZone` with its copy of what the search reads; `fields` is a
    service's validated fields (a dict) or the service itself."""
    read = fields.get if isinstance(fields, dict) else lambda name: getattr(fields, name)
    return {
        "service_id": service_id, "code": code, "listed": not (retired or read("is_national")),
        **{name: read(name) for name in ZONE_SEARCH_FIELDS},
    }


def zones_listed_set(service: Service) -> None:
    """Keep the zones' `listed` flag after a retirement or a restoration."""
    ServiceZone.objects.filter(service=service).update(listed=not (service.retired_at or service.is_national))


STRUCTURE_COLUMNS = list(dict.fromkeys([*STRUCTURE_FIELDS, "is_demo", "updated_at"]))
SERVICE_COLUMNS = list(dict.fromkeys([*SERVICE_FIELDS, "is_demo", "updated_at"]))


@transaction.atomic
def directory_upsert(
    *, structures: list[dict], services: list[tuple[dict, list[str]]], is_demo: bool = False
) -> UpsertCounts:
    """Create or update structures and services by their data·inclusion id, zones included.

    `structures` are fields from `structure_row_validate`; `services` are (fields, zones) from
    `service_row_validate`, whose `structure_di_id` must name a structure given here or
    already known. Everything is written in bulk, in one transaction; an update keeps what the
    screens own (team, retirement, who verified).
    """
    counts = UpsertCounts()
    now = timezone.now()

    known = _existing(Structure, [s["di_id"] for s in structures])
    new, changed = [], []
    for fields in structures:
        row = {**fields, "is_demo": is_demo, "updated_at": now}
        if fields["di_id"] in known:
            changed.append({**row, "id": known[fields["di_id"]]})
        else:
            new.append({**row, "created_at": now})
    _rows_write(Structure, new, ["di_id", "created_at", *STRUCTURE_COLUMNS])
    _rows_write(Structure, changed, STRUCTURE_COLUMNS, update=True)
    counts.structures_created, counts.structures_updated = len(new), len(changed)

    structure_ids = _existing(Structure, sorted({f["structure_di_id"] for f, _ in services}))
    known = _existing(Service, [f["di_id"] for f, _ in services])
    new, changed, zones_of = [], [], {}
    for fields, zones in services:
        row = {k: v for k, v in fields.items() if k != "structure_di_id"}
        row.update(structure_id=structure_ids[fields["structure_di_id"]], is_demo=is_demo, updated_at=now)
        if fields["di_id"] in known:
            changed.append({**row, "id": known[fields["di_id"]]})
        else:
            new.append({**row, "created_at": now})
        zones_of[fields["di_id"]] = zones
    _rows_write(Service, new, ["di_id", "created_at", *SERVICE_COLUMNS])
    _rows_write(Service, changed, SERVICE_COLUMNS, update=True)
    counts.services_created, counts.services_updated = len(new), len(changed)

    ids = _existing(Service, list(zones_of))
    changed_ids = [row["id"] for row in changed]
    retired = set()
    for start in range(0, len(changed_ids), BATCH):
        chunk = changed_ids[start:start + BATCH]
        ServiceZone.objects.filter(service_id__in=chunk).delete()
        retired.update(Service.objects.filter(pk__in=chunk, retired_at__isnull=False).values_list("pk", flat=True))
    _rows_write(
        ServiceZone,
        [
            zone_row(ids[fields["di_id"]], code, fields, retired=ids[fields["di_id"]] in retired)
            for fields, zones in services for code in zones
        ],
        ZONE_COLUMNS,
    )
    transaction.on_commit(directory_cache_clear)
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
    zones_listed_set(service)
    audit_record(actor=actor, action="directory.retire", service=service.pk)
    transaction.on_commit(directory_cache_clear)
    return service


@transaction.atomic
def service_restore(*, service: Service, actor) -> Service:
    service.retired_at = None
    service.save(update_fields=["retired_at", "updated_at"])
    zones_listed_set(service)
    audit_record(actor=actor, action="directory.restore", service=service.pk)
    transaction.on_commit(directory_cache_clear)
    return service
