import json
from pathlib import Path

from django.db import transaction

from recours.core.models import ReferenceDataVersion
from recours.taxonomy.models import Criterion, Domain, PlainGround, RelatedSituation, ReporterRole, SituationType

DATA_FILE = Path(__file__).parent / "data" / "taxonomy.json"


def _upsert(model, rows: list[dict], build) -> None:
    codes = []
    for position, row in enumerate(rows):
        fields = build(row)
        model.objects.update_or_create(code=row["code"], defaults={**fields, "position": position, "active": True})
        codes.append(row["code"])
    model.objects.exclude(code__in=codes).update(active=False)


@transaction.atomic
def taxonomy_load(*, path: Path = DATA_FILE, force: bool = False) -> bool:
    """Load the taxonomies from their data file; False if that version was already loaded."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    loaded = ReferenceDataVersion.objects.filter(name="taxonomy").values_list("version", flat=True).first()
    if loaded == data["version"] and not force and Criterion.objects.exists():
        return False
    default_source = data["default_criterion_source"]
    _upsert(
        Criterion,
        data["criteria"],
        lambda r: {"label": r["label"], "is_penal": r["penal"], "legal_source": r.get("source", default_source)},
    )
    _upsert(PlainGround, data["plain_grounds"], lambda r: {"label": r["label"], "hint": r["hint"]})
    for row in data["plain_grounds"]:
        PlainGround.objects.get(code=row["code"]).criteria.set(row["criteria"])
    _upsert(RelatedSituation, data["related_situations"], lambda r: {"label": r["label"]})
    _upsert(Domain, data["domains"], lambda r: {"label": r["label"], "plain_label": r["plain"], "hint": r["hint"]})
    _upsert(SituationType, data["situation_types"], lambda r: {"label": r["label"]})
    _upsert(
        ReporterRole, data["roles"], lambda r: {"label": r["label"], "plain_label": r["plain"], "hint": r["hint"]}
    )
    ReferenceDataVersion.objects.update_or_create(name="taxonomy", defaults={"version": data["version"]})
    return True
