"""`Case.criteria_key`: the codes of a case's criteria, reported or qualified, between bars.

The queue's criterion filter is a `LIKE '%|handicap|%'` on this column, checked while
PostgreSQL walks the queue's index in order and stops at a page: no join, no hash of every
case of the criterion first (bench/console.py). The link tables stay the truth; the services
that change them call `criteria_key_refresh`, and bulk writers (demo data, benchmarks) call
it over what they wrote.
"""

from __future__ import annotations

from collections import defaultdict

BATCH = 2000


def criteria_key(codes) -> str:
    codes = sorted(set(codes))
    return f"|{'|'.join(codes)}|" if codes else ""


def criteria_key_refresh(queryset) -> int:
    """Recompute the key of every case of `queryset` from both link tables; returns how many changed."""
    from recours.casework.models import Case, Qualification

    changed = 0
    pks = list(queryset.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), BATCH):
        chunk = pks[start:start + BATCH]
        codes: dict[int, set[str]] = defaultdict(set)
        for case_id, code in Case.reported_criteria.through.objects.filter(case_id__in=chunk).values_list(
            "case_id", "criterion_id"
        ):
            codes[case_id].add(code)
        for case_id, code in Qualification.criteria.through.objects.filter(
            qualification__case_id__in=chunk
        ).values_list("qualification__case_id", "criterion_id"):
            codes[case_id].add(code)
        current = dict(Case.objects.filter(pk__in=chunk).values_list("pk", "criteria_key"))
        stale = [Case(pk=pk, criteria_key=criteria_key(codes[pk])) for pk in chunk if current[pk] != criteria_key(codes[pk])]
        Case.objects.bulk_update(stale, ["criteria_key"], batch_size=BATCH)
        changed += len(stale)
    return changed
