"""Saved filters of the queue: an adviser names the queue's current query and finds it again.

Every read and write starts from the owner (`filters_of(user)`): another adviser's filter is
never listed, applied, renamed nor deleted (a 404, as if it did not exist). The stored query
keeps only the queue's own parameters (QUEUE_PARAMETERS), in a fixed order, without the page.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.utils.translation import gettext as _

from recours.console.models import SavedFilter

# The queue's parameters a filter keeps (casework.forms.QueueFilterForm, less the page).
QUEUE_PARAMETERS = ("vue", "channel", "status", "criterion", "domain", "departement", "waiting")
MAX_FILTERS = 30


def queue_query(raw: str) -> str:
    """The queue's own parameters of a query string, non-empty ones, in a fixed order."""
    params = QueryDict(raw or "")
    kept = QueryDict(mutable=True)
    for name in QUEUE_PARAMETERS:
        value = (params.get(name) or "").strip()[:100]
        if value:
            kept[name] = value
    return kept.urlencode()


def filters_of(user):
    """The user's saved filters, by name (nobody else's)."""
    if not getattr(user, "is_authenticated", False):
        return SavedFilter.objects.none()
    return SavedFilter.objects.filter(owner=user).order_by("name", "pk")


def filter_of(user, pk) -> SavedFilter | None:
    return filters_of(user).filter(pk=pk).first()


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Donnez un nom à ce filtre.")})
    if len(name) > 80:
        raise ValidationError({"name": _("Le nom tient en 80 caractères au plus.")})
    return name


def filter_save(*, owner, name: str, query: str) -> SavedFilter:
    """Name the queue's current query; the same name again replaces that filter's query."""
    name = _clean_name(name)
    query = queue_query(query)
    existing = filters_of(owner).filter(name=name).first()
    if existing is not None:
        existing.query = query
        existing.save(update_fields=["query"])
        return existing
    if filters_of(owner).count() >= MAX_FILTERS:
        raise ValidationError({"name": _("Vous avez déjà %(count)s filtres : supprimez-en un d'abord.") % {"count": MAX_FILTERS}})
    return SavedFilter.objects.create(owner=owner, name=name, query=query)


def filter_rename(*, saved: SavedFilter, name: str) -> SavedFilter:
    name = _clean_name(name)
    try:
        with transaction.atomic():
            saved.name = name
            saved.save(update_fields=["name"])
    except IntegrityError:
        raise ValidationError({"name": _("Vous avez déjà un filtre de ce nom.")}) from None
    return saved


def filter_delete(*, saved: SavedFilter) -> None:
    saved.delete()
