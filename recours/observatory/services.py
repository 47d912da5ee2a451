"""Writes of the observatory: anonymised records from cases, their rollups, excerpt reviews.

A record is made when a case closes (and, if RECOURS_OBSERVATORY_RECORD_AT_QUALIFICATION,
when it is qualified, then completed at closure). It holds generalised fields only:
département and région instead of the commune, the month instead of the date, an age band,
codes of the reference lists, whole days for delays. No identity, contact or free text;
the excerpt joins only once an adviser approved its scrubbed version.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from recours.casework.selectors import case_criteria, case_domain, case_qualification
from recours.core.audit import audit_record
from recours.observatory.models import (
    NATIONAL,
    UNKNOWN_TERRITORY,
    AgeBand,
    AnonymisedRecord,
    ExcerptReview,
    RecordSource,
    ReviewStatus,
    RollupCases,
    RollupCriteria,
    RollupOutcomes,
    Stage,
)

AGE_BANDS = [(18, AgeBand.UNDER_18), (25, AgeBand.FROM_18), (35, AgeBand.FROM_25), (50, AgeBand.FROM_35), (65, AgeBand.FROM_50)]


def age_band(age) -> str:
    try:
        age = int(age)
    except (TypeError, ValueError):
        return ""
    if age < 0 or age > 120:
        return ""
    return next((band for limit, band in AGE_BANDS if age < limit), AgeBand.FROM_65)


def month_of(moment) -> dt.date | None:
    if moment is None:
        return None
    if isinstance(moment, dt.datetime):
        moment = timezone.localtime(moment) if timezone.is_aware(moment) else moment
        moment = moment.date()
    return moment.replace(day=1)


def _days_between(start, end) -> int | None:
    if start is None or end is None or end < start:
        return None
    return (end - start).days


def record_fields_for_case(case) -> dict:
    """The generalised fields of a case, as the record keeps them (nothing else is read).

    The grounds and domain follow casework's one policy (`case_criteria`, `case_domain`: the
    qualification's, else what the person reported); related situations, situation type and
    respondent kind come from the qualification only.
    """
    qualification = case_qualification(case)
    domain = case_domain(case)
    commune = case.commune
    return {
        "month": month_of(case.created_at),
        "closed_month": month_of(case.closed_at),
        "departement": case.departement_id or (commune.departement_id if commune else UNKNOWN_TERRITORY),
        "region": commune.region_id if commune else _departement_region(case.departement_id) or UNKNOWN_TERRITORY,
        "age_band": age_band((case.details or {}).get("age")),
        "criteria": sorted(criterion.pk for criterion in case_criteria(case)),
        "related_situations": sorted(qualification.related_situations.values_list("code", flat=True))
        if qualification else [],
        "domain": domain.pk if domain else "",
        "situation_type": (qualification.situation_type_id or "") if qualification else "",
        "reporter_role": case.reporter_role_id or "",
        "channel": case.channel,
        "respondent_kind": (qualification.respondent_kind or "") if qualification else "",
        "outcome": case.outcome or "",
        "days_to_first_answer": _days_between(case.created_at, case.first_answer_at),
        "days_to_closure": _days_between(case.created_at, case.closed_at),
    }


def _departement_region(departement_id: str | None) -> str | None:
    """The région of a case placed by its département only (a postal code of several communes)."""
    if not departement_id:
        return None
    from recours.geo.models import Departement

    return Departement.objects.filter(pk=departement_id).values_list("region_id", flat=True).first()


@transaction.atomic
def record_save_for_case(*, case, stage: str, actor=None) -> AnonymisedRecord:
    """Make or complete the case's anonymised record, and keep the rollups in step."""
    fields = record_fields_for_case(case)
    source = RecordSource.objects.select_related("record").filter(case=case).first()
    if source is None:
        record = AnonymisedRecord.objects.create(stage=stage, **fields)
        RecordSource.objects.create(case=case, record=record)
        rollup_apply([record], sign=1)
    else:
        record = source.record
        rollup_apply([record], sign=-1)
        for name, value in fields.items():
            setattr(record, name, value)
        record.stage = stage if stage == Stage.CLOSED else record.stage
        record.save()
        rollup_apply([record], sign=1)
    if settings.RECOURS_OBSERVATORY_EXCERPTS and case.narrative:
        ExcerptReview.objects.get_or_create(case=case, defaults={"record": record})
    audit_record(actor=actor, action="observatory.record", case=case, stage=stage)
    return record


# --- rollups -------------------------------------------------------------------------------

_CASES_KEY = ["departement", "month", "channel", "domain"]
_OUTCOMES_KEY = ["departement", "month", "channel", "domain", "outcome"]
_CASES_SUMS = [
    "n", "answered_n", "answer_days_sum", "answered_2d_n", "closed_n", "closure_days_sum", "key_sum", "answered_key_sum",
]
_COUNT_SUMS = ["n", "key_sum"]  # outcomes and criteria: a count and the sum of its records' cell keys
_CRITERIA_KEY = ["departement", "month", "channel", "criterion", "domain"]


def _case_rows(record) -> list[tuple]:
    answered = record.days_to_first_answer is not None
    closed = record.days_to_closure is not None
    sums = (
        1,
        int(answered),
        record.days_to_first_answer or 0,
        int(answered and record.days_to_first_answer <= 2),
        int(closed),
        record.days_to_closure or 0,
        record.cell_key,
        record.cell_key if answered else 0,
    )
    rows = []
    for departement, region in ((record.departement, record.region), (NATIONAL, NATIONAL)):
        rows.append((departement, record.month, record.channel, record.domain, region, *sums))
    return rows


def _outcome_rows(record) -> list[tuple]:
    if not record.outcome:
        return []
    return [
        (departement, record.month, record.channel, record.domain, record.outcome, region, 1, record.cell_key)
        for departement, region in ((record.departement, record.region), (NATIONAL, NATIONAL))
    ]


def _criteria_rows(record) -> list[tuple]:
    rows = []
    for criterion in record.criteria or [""]:
        for departement, region in ((record.departement, record.region), (NATIONAL, NATIONAL)):
            rows.append((departement, record.month, record.channel, criterion, record.domain, region, 1, record.cell_key))
    return rows


def _upsert(model, key: list[str], sums: list[str], rows: list[tuple], sign: int) -> None:
    if not rows:
        return
    merged: dict[tuple, list] = {}
    width = len(key) + 1
    for row in rows:
        current = merged.setdefault(row[:width], [0] * len(sums))
        for i, value in enumerate(row[width:]):
            current[i] += sign * value
    table = connection.ops.quote_name(model._meta.db_table)
    columns = [*key, "region", *sums]
    placeholders = ", ".join(["%s"] * len(columns))
    updates = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in sums)
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders}) "
        f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET {updates}"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(*k, *v) for k, v in merged.items()])


def rollup_apply(records, *, sign: int = 1) -> None:
    """Add (sign=1) or take away (sign=-1) records from the rollups, in one statement per table."""
    case_rows = [row for record in records for row in _case_rows(record)]
    criteria_rows = [row for record in records for row in _criteria_rows(record)]
    outcome_rows = [row for record in records for row in _outcome_rows(record)]
    _upsert(RollupCases, _CASES_KEY, _CASES_SUMS, case_rows, sign)
    _upsert(RollupOutcomes, _OUTCOMES_KEY, _COUNT_SUMS, outcome_rows, sign)
    _upsert(RollupCriteria, _CRITERIA_KEY, _COUNT_SUMS, criteria_rows, sign)


def rollup_rebuild() -> None:
    """Recompute the rollups from the records (after a bulk load, or to check the increments)."""
    for model in (RollupCases, RollupOutcomes, RollupCriteria):
        model.objects.all().delete()
    batch = []
    for record in AnonymisedRecord.objects.iterator(chunk_size=5000):
        batch.append(record)
        if len(batch) >= 5000:
            rollup_apply(batch)
            batch = []
    rollup_apply(batch)


_REBUILD_CASES_SQL = """
INSERT INTO observatory_rollupcases
  (departement, month, channel, domain, region, n, answered_n, answer_days_sum, answered_2d_n, closed_n,
   closure_days_sum, key_sum, answered_key_sum)
SELECT {departement}, month, channel, domain, {region}, count(*), count(days_to_first_answer),
       coalesce(sum(days_to_first_answer), 0), count(*) FILTER (WHERE days_to_first_answer <= 2),
       count(days_to_closure), coalesce(sum(days_to_closure), 0), coalesce(sum(cell_key), 0),
       coalesce(sum(cell_key) FILTER (WHERE days_to_first_answer IS NOT NULL), 0)
FROM observatory_anonymisedrecord GROUP BY {group}
"""
_REBUILD_OUTCOMES_SQL = """
INSERT INTO observatory_rollupoutcomes (departement, month, channel, domain, outcome, region, n, key_sum)
SELECT {departement}, month, channel, domain, outcome, {region}, count(*), coalesce(sum(cell_key), 0)
FROM observatory_anonymisedrecord WHERE outcome <> '' GROUP BY {group}
"""
_REBUILD_CRITERIA_SQL = """
INSERT INTO observatory_rollupcriteria (departement, month, channel, criterion, domain, region, n, key_sum)
SELECT {departement}, r.month, r.channel, coalesce(c.criterion, ''), r.domain, {region}, count(*),
       coalesce(sum(r.cell_key), 0)
FROM observatory_anonymisedrecord r
LEFT JOIN LATERAL jsonb_array_elements_text(r.criteria) AS c(criterion) ON true
GROUP BY {group}
"""


def rollup_rebuild_postgresql() -> None:
    """The same as rollup_rebuild, in four INSERT ... SELECT statements (after a bulk load)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL work_mem = '256MB'")  # hash aggregates in memory, not sorted on disk
        for table in ("observatory_rollupcases", "observatory_rollupoutcomes", "observatory_rollupcriteria"):
            cursor.execute(f"DELETE FROM {table}")
        for departement, region, group in (
            ("departement", "region", "departement, month, channel, domain, region"),
            ("'*'", "'*'", "month, channel, domain"),
        ):
            cursor.execute(_REBUILD_CASES_SQL.format(departement=departement, region=region, group=group))
            cursor.execute(_REBUILD_OUTCOMES_SQL.format(departement=departement, region=region, group=group + ", outcome"))
        for departement, region, group in (
            ("r.departement", "r.region", "r.departement, r.month, r.channel, c.criterion, r.domain, r.region"),
            ("'*'", "'*'", "r.month, r.channel, c.criterion, r.domain"),
        ):
            cursor.execute(_REBUILD_CRITERIA_SQL.format(departement=departement, region=region, group=group))


# --- excerpt review ------------------------------------------------------------------------


@transaction.atomic
def excerpt_approve(*, review: ExcerptReview, text: str, actor) -> AnonymisedRecord:
    """The adviser's reviewed text joins the record."""
    record = review.record
    record.excerpt = text.strip()
    record.save(update_fields=["excerpt"])
    review.status, review.reviewed_by, review.reviewed_at = ReviewStatus.APPROVED, actor, timezone.now()
    review.save()
    audit_record(actor=actor, action="observatory.excerpt_approved", case=review.case_id)
    return record


@transaction.atomic
def excerpt_reject(*, review: ExcerptReview, actor) -> None:
    """No excerpt for this record."""
    review.status, review.reviewed_by, review.reviewed_at = ReviewStatus.REJECTED, actor, timezone.now()
    review.save()
    audit_record(actor=actor, action="observatory.excerpt_rejected", case=review.case_id)
