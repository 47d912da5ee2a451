"""Writes of the rights pages: loading the shipped situations, saving a coordinator's edit as a new version."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from recours.core.audit import audit_record
from recours.core.models import ReferenceDataVersion
from recours.rights.models import CONTENT_FIELDS, RightsPage, RightsPageVersion
from recours.rights.selectors import search_key

DATA_FILE = Path(__file__).resolve().parent / "data" / "rights.json"


def _content(page: RightsPage) -> dict:
    values = {name: getattr(page, name) for name in CONTENT_FIELDS}
    values["reviewed_on"] = page.reviewed_on.isoformat()
    return values


def _index(page: RightsPage) -> None:
    page.search_text = search_key(" ".join([
        page.title, page.summary, page.law, page.is_discrimination, page.what_to_do,
        page.ground.label, page.domain.label, page.domain.plain_label,
    ]))


def _sources_check(sources) -> None:
    if not sources or not all(isinstance(s, dict) and str(s.get("label", "")).strip() for s in sources):
        raise ValidationError(_("Chaque page cite au moins une source légale."))


@transaction.atomic
def rights_load(*, path: Path = DATA_FILE, force: bool = False) -> int:
    """Create the situations shipped in the data file; returns how many pages were created or rewritten.

    Idempotent: a page whose slug exists is left as it is (a coordinator may have edited it);
    `force` rewrites every shipped page with the shipped text, as a new version."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    loaded = ReferenceDataVersion.objects.filter(name="rights").values_list("version", flat=True).first()
    if loaded == data["version"] and not force and RightsPage.objects.exists():
        return 0
    written = 0
    for row in data["pages"]:
        _sources_check(row["sources"])
        values = {name: row[name] for name in CONTENT_FIELDS if name in row}
        values["reviewed_on"] = dt.date.fromisoformat(row["reviewed_on"])
        page = RightsPage.objects.filter(slug=row["slug"]).first()
        if page is not None and not force:
            continue
        if page is None:
            page = RightsPage(slug=row["slug"], ground_id=row["ground"], domain_id=row["domain"], **values)
            page.version = 1
        else:
            for name, value in values.items():
                setattr(page, name, value)
            page.ground_id, page.domain_id = row["ground"], row["domain"]
            page.version += 1
        _index(page)
        page.save()
        RightsPageVersion.objects.create(page=page, version=page.version, content=_content(page),
                                         note=_("Texte livré avec la plateforme"))
        written += 1
    ReferenceDataVersion.objects.update_or_create(name="rights", defaults={"version": data["version"]})
    return written


@transaction.atomic
def rights_page_save(*, page: RightsPage, actor, values: dict, note: str = "") -> RightsPage:
    """Save a coordinator's edit as the page's next version (the versions before are kept)."""
    page = RightsPage.objects.select_for_update().select_related("ground", "domain").get(pk=page.pk)
    _sources_check(values.get("sources", page.sources))
    for name, value in values.items():
        if name not in CONTENT_FIELDS:
            raise ValueError(f"Not a content field: {name}")
        setattr(page, name, value)
    page.version += 1
    page.updated_by = actor
    _index(page)
    page.save()
    RightsPageVersion.objects.create(page=page, version=page.version, content=_content(page), note=note, saved_by=actor)
    audit_record(actor=actor, action="rights.update", page=page.slug, version=page.version)
    return page
