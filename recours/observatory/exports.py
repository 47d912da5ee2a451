"""CSV and Parquet files of the published tables and of the anonymised records."""

from __future__ import annotations

import csv
import io

import pyarrow as pa
import pyarrow.parquet as pq

from recours.core.csvsafe import csv_safe_row
from recours.observatory.models import AnonymisedRecord

RECORD_COLUMNS = [
    "id", "stage", "month", "closed_month", "departement", "region", "age_band", "criteria", "related_situations",
    "domain", "situation_type", "reporter_role", "channel", "respondent_kind", "outcome", "days_to_first_answer",
    "days_to_closure", "excerpt",
]


def to_csv(rows: list[dict]) -> bytes:
    """UTF-8 with a byte order mark (spreadsheets then read the accents right), ";" separated;
    text cells that a spreadsheet would run as a formula are neutralised (core.csvsafe)."""
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), delimiter=";")
        writer.writeheader()
        for row in rows:
            writer.writerow(csv_safe_row({k: "" if v is None else v for k, v in row.items()}))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_parquet(rows: list[dict]) -> bytes:
    table = pa.Table.from_pylist(rows) if rows else pa.table({})
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="zstd")
    return buffer.getvalue()


def record_rows(queryset) -> list[dict]:
    rows = []
    for record in queryset.order_by("month", "id").values(*RECORD_COLUMNS):
        record["id"] = str(record["id"])
        for name in ("month", "closed_month"):
            record[name] = record[name].strftime("%Y-%m") if record[name] else None
        record["criteria"] = ",".join(record["criteria"] or [])
        record["related_situations"] = ",".join(record["related_situations"] or [])
        rows.append(record)
    return rows


def records_for(*, departements, filters):
    """The records of `departements` (None: all) matching the filters."""
    qs = AnonymisedRecord.objects.filter(month__gte=filters.start, month__lte=filters.end)
    if departements is not None:
        qs = qs.filter(departement__in=departements)
    if filters.territory.startswith("r"):
        qs = qs.filter(region=filters.territory[1:])
    elif filters.territory:
        qs = qs.filter(departement=filters.territory)
    if filters.channel:
        qs = qs.filter(channel=filters.channel)
    return qs
