"""Reads of the reference taxonomies.

The active lists are read by every report check (form and API), and change only when
the reference data is reloaded or an operator edits an entry. So each process keeps
them for `RECOURS_REFERENCE_CACHE_SECONDS` (60 s by default, `core/cache.py`): an edit in
the admin is seen at once by the process that saved it (the save clears its copy) and
within that delay by the others. Set it to 0 to read the database every time.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from recours.core.cache import ReferenceCache
from recours.taxonomy.models import Criterion, Domain, PlainGround, RelatedSituation, ReporterRole

_cache = ReferenceCache("taxonomy")
_cached = _cache.get


def reference_cache_clear(**_kwargs) -> None:
    """Forget this process's copies (connected to every save and delete of a taxonomy entry)."""
    _cache.clear()


for _model in (Criterion, Domain, PlainGround, RelatedSituation, ReporterRole):
    post_save.connect(reference_cache_clear, sender=_model, dispatch_uid=f"taxonomy-cache-save-{_model.__name__}")
    post_delete.connect(reference_cache_clear, sender=_model, dispatch_uid=f"taxonomy-cache-delete-{_model.__name__}")
m2m_changed.connect(reference_cache_clear, sender=PlainGround.criteria.through, dispatch_uid="taxonomy-cache-m2m")


def criteria_active() -> list[Criterion]:
    return _cached("criteria", lambda: list(Criterion.objects.filter(active=True)))


def plain_grounds_active() -> list[PlainGround]:
    return _cached("plain_grounds", lambda: list(PlainGround.objects.filter(active=True).prefetch_related("criteria")))


def domains_active() -> list[Domain]:
    return _cached("domains", lambda: list(Domain.objects.filter(active=True)))


def roles_active() -> list[ReporterRole]:
    return _cached("roles", lambda: list(ReporterRole.objects.filter(active=True)))


def related_situations_active() -> list[RelatedSituation]:
    return _cached("related_situations", lambda: list(RelatedSituation.objects.filter(active=True)))
