"""Writes to the geography tables: loading the versioned data file.

`geo_load` makes the tables equal to recours/geo/data/geo.json.gz (built by
scripts/build_geo_data.py), fast (bulk upserts in one transaction) and safely:

- The loaded version is recorded as ReferenceDataVersion(name="geo"); loading the same
  version again returns at once without touching a row (unless force=True).
- Rows are upserted by code (INSERT ... ON CONFLICT DO UPDATE, on SQLite and PostgreSQL);
  only new or changed rows are written.
- A row that left the file (a commune merged into a commune nouvelle, say) is deleted
  only if no other table references it; a referenced one stays, marked active=False,
  so that old cases keep their commune. Its postal codes are deleted either way: a
  postal code lookup offers current communes only.
- `departements=[...]` loads those départements (with their région) only, writes
  nothing else, deletes nothing and does not record the version, so that a later full
  load still happens. Browser tests use it to keep their set-up short.
"""

from __future__ import annotations

import functools
import gzip
import json
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from django.db import connection, transaction

from recours.core.models import ReferenceDataVersion
from recours.geo.models import Commune, Departement, PostalCode, Region, normalise_for_search

DATA_FILE = Path(__file__).resolve().parent / "data" / "geo.json.gz"
VERSION_NAME = "geo"
FILE_FORMAT = 1
BATCH_SIZE = 1000  # Django lowers it further where the backend needs it (SQLite's 999 parameters)
CHUNK = 500  # codes per `IN (...)` clause


def read_geo_file(path: str | Path | None = None) -> dict:
    """The decoded data file: version, sources, columns, régions, départements, communes.

    The last file read is kept in memory (about 20 MB) while it is unchanged on disk, so
    that repeated subset loads (one per browser test) do not decode it each time. Do not
    modify what this returns.
    """
    resolved = Path(path or DATA_FILE).resolve()
    stat = resolved.stat()
    return _decode(str(resolved), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=1)
def _decode(path: str, mtime_ns: int, size: int) -> dict:
    with gzip.open(path, "rb") as stream:
        data = json.load(stream)
    if data.get("format") != FILE_FORMAT:
        raise ValueError(f"Unsupported geography file format: {data.get('format')!r}")
    return data


def _chunks(values: Iterable, size: int = CHUNK) -> Iterator[list]:
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _normalise_departement_code(code: str) -> str:
    code = str(code).strip().upper()
    return code.zfill(2) if code.isdigit() and len(code) == 1 else code


def _rows(data: dict, departements: list[str] | None) -> tuple[dict, dict, dict]:
    """Régions, départements and communes of the file (or of the chosen départements) by code."""
    columns = data["columns"]
    region_rows, departement_rows, commune_rows = data["regions"], data["departements"], data["communes"]
    if departements is not None:
        wanted = {_normalise_departement_code(code) for code in departements}
        unknown = sorted(wanted - {row[0] for row in departement_rows})
        if unknown:
            raise ValueError(f"Unknown département code(s): {', '.join(unknown)}")
        dep_column = columns["communes"].index("departement")
        departement_rows = [row for row in departement_rows if row[0] in wanted]
        commune_rows = [row for row in commune_rows if row[dep_column] in wanted]
        region_column = columns["departements"].index("region")
        wanted_regions = {row[region_column] for row in departement_rows}
        region_rows = [row for row in region_rows if row[0] in wanted_regions]

    def by_code(rows, names):
        return {row[0]: dict(zip(names, row, strict=True)) for row in rows}

    return (
        by_code(region_rows, columns["regions"]),
        by_code(departement_rows, columns["departements"]),
        by_code(commune_rows, columns["communes"]),
    )


def _referenced_pks(model, pks: Iterable, *, ignore: tuple = ()) -> set:
    """The primary keys among pks that some row of another table points to.

    Walks every relation to `model` (foreign keys, one-to-ones and many-to-manys declared
    by any installed app), except those from the models in `ignore`. Generic foreign
    keys cannot be seen this way: do not point at geography rows with them.
    """
    pks = list(pks)
    referenced: set = set()
    if not pks:
        return referenced
    for relation in model._meta.related_objects:
        if relation.related_model in ignore:
            continue
        if relation.many_to_many:
            through = relation.through
            column = through._meta.get_field(relation.field.m2m_reverse_field_name()).attname
            manager = through._base_manager
        else:
            column = relation.field.attname
            manager = relation.related_model._base_manager
        for chunk in _chunks(pks):
            referenced.update(
                manager.filter(**{f"{column}__in": chunk}).values_list(column, flat=True).distinct()
            )
    return referenced


def _upsert(model, key: str, desired: dict[str, dict], fields: list[str], existing: dict[str, tuple]) -> int:
    """Insert or update the rows of `desired` that are missing or differ; return how many."""
    changed = [
        model(**{key: code}, **values)
        for code, values in sorted(desired.items())
        if existing.get(code) != tuple(values[f] for f in fields)
    ]
    if changed:
        model.objects.bulk_create(
            changed, batch_size=BATCH_SIZE, update_conflicts=True, unique_fields=[key], update_fields=fields
        )
    return len(changed)


def _retire(model, missing: set, *, ignore: tuple = ()) -> tuple[int, int]:
    """Delete the rows of `missing` nobody references; mark the others inactive."""
    keep = _referenced_pks(model, missing, ignore=ignore)
    deletable = sorted(missing - keep)
    for chunk in _chunks(deletable):
        model._base_manager.filter(pk__in=chunk).delete()
    for chunk in _chunks(sorted(keep)):
        model._base_manager.filter(pk__in=chunk, active=True).update(active=False)
    return len(deletable), len(keep)


def _sync(regions: dict, deps: dict, communes: dict, *, full: bool) -> dict:
    written, deleted, kept = {}, {}, {}

    region_fields = ["name", "active"]
    desired = {code: {"name": r["name"], "active": True} for code, r in regions.items()}
    existing_regions = {row[0]: row[1:] for row in Region.objects.values_list("code", *region_fields)}
    written["regions"] = _upsert(Region, "code", desired, region_fields, existing_regions)

    dep_fields = ["name", "region_id", "active"]
    desired = {code: {"name": d["name"], "region_id": d["region"], "active": True} for code, d in deps.items()}
    existing_deps = {row[0]: row[1:] for row in Departement.objects.values_list("code", *dep_fields)}
    written["departements"] = _upsert(Departement, "code", desired, dep_fields, existing_deps)

    commune_fields = ["name", "search_name", "departement_id", "region_id", "latitude", "longitude", "active"]
    desired = {
        code: {
            "name": c["name"],
            "search_name": normalise_for_search(c["name"]),
            "departement_id": c["departement"],
            "region_id": c["region"],
            "latitude": c["latitude"],
            "longitude": c["longitude"],
            "active": True,
        }
        for code, c in communes.items()
    }
    existing_communes = {row[0]: row[1:] for row in Commune.objects.values_list("insee_code", *commune_fields)}
    written["communes"] = _upsert(Commune, "insee_code", desired, commune_fields, existing_communes)

    # Postal codes: the set of (code, commune) pairs of the loaded communes, diffed.
    wanted_pairs = {(cp, code) for code, c in communes.items() for cp in c["postal_codes"]}
    if full:
        stale_communes = set(existing_communes) - set(communes)
        current_pairs = PostalCode.objects.values_list("code", "commune_id", "id")
    else:
        stale_communes = set()
        current_pairs = (
            row
            for chunk in _chunks(sorted(communes))
            for row in PostalCode.objects.filter(commune_id__in=chunk).values_list("code", "commune_id", "id")
        )
    current = {(cp, commune): pk for cp, commune, pk in current_pairs}
    extra_ids = sorted(pk for pair, pk in current.items() if pair not in wanted_pairs)
    for chunk in _chunks(extra_ids):
        PostalCode.objects.filter(id__in=chunk).delete()
    new_pairs = sorted(wanted_pairs - set(current))
    PostalCode.objects.bulk_create(
        [PostalCode(code=cp, commune_id=commune) for cp, commune in new_pairs], batch_size=BATCH_SIZE
    )
    written["postal_codes"] = len(new_pairs)
    deleted["postal_codes"] = len(extra_ids)

    if full:
        # Children first, so that a région or département is free once its communes are gone.
        deleted["communes"], kept["communes"] = _retire(Commune, stale_communes, ignore=(PostalCode,))
        deleted["departements"], kept["departements"] = _retire(Departement, set(existing_deps) - set(deps))
        deleted["regions"], kept["regions"] = _retire(Region, set(existing_regions) - set(regions))
    return {"written": written, "deleted": deleted, "kept_inactive": kept}


def _analyze() -> None:
    """Fresh planner statistics, so the postal-code lookup uses its index at once
    (without them PostgreSQL scans every commune until autovacuum gets round to it)."""
    if connection.vendor != "postgresql":
        return
    tables = [model._meta.db_table for model in (Region, Departement, Commune, PostalCode)]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def geo_load(*, path: str | Path | None = None, departements: list[str] | None = None, force: bool = False) -> dict:
    """Make the geography tables equal to the data file; return what was done.

    The result has: version, skipped (True when this version was already loaded),
    partial (True for a `departements` subset), the numbers of régions, départements,
    communes and postal code rows in the file's scope, then written / deleted /
    kept_inactive row counts per table, and seconds.
    """
    started = time.perf_counter()
    data = read_geo_file(path)
    version = data["version"]
    partial = departements is not None
    loaded = ReferenceDataVersion.objects.filter(name=VERSION_NAME).values_list("version", flat=True).first()
    if loaded == version and not force and Commune.objects.exists():
        return {"version": version, "skipped": True, "partial": partial, "seconds": time.perf_counter() - started}

    regions, deps, communes = _rows(data, departements)
    with transaction.atomic():
        changes = _sync(regions, deps, communes, full=not partial)
        if not partial:
            ReferenceDataVersion.objects.update_or_create(name=VERSION_NAME, defaults={"version": version})
    _analyze()
    return {
        "version": version,
        "skipped": False,
        "partial": partial,
        "regions": len(regions),
        "departements": len(deps),
        "communes": len(communes),
        "postal_codes": sum(len(c["postal_codes"]) for c in communes.values()),
        **changes,
        "seconds": time.perf_counter() - started,
    }
