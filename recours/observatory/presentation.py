"""Labels, filters from a query string, and the rows of the published tables (page and exports)."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recours.casework.models import Outcome
from recours.observatory.disclosure import TOTAL, Table
from recours.observatory.selectors import Filters

OUTCOME_LABELS = dict(Outcome.choices)
CHANNEL_LABELS = {"form": _("formulaire"), "api": _("API partenaire"), "chat": _("tchat"), "phone": _("téléphone")}
TABLES = {
    "par-mois": ("by_month", _("Signalements par mois et domaine")),
    "par-territoire": ("by_territory", _("Signalements par département et domaine")),
    "par-suite": ("by_outcome", _("Dossiers clos par suite donnée et domaine")),
    "par-critere": ("by_criterion", _("Critères invoqués par domaine")),
}
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _month(value: str | None) -> dt.date | None:
    match = _MONTH.match(value or "")
    if not match or not 1 <= int(match.group(2)) <= 12:
        return None
    return dt.date(int(match.group(1)), int(match.group(2)), 1)


def filters_from(query, *, year: int | None = None) -> Filters:
    """Filters from a query string: annee (YYYY) or debut/fin (YYYY-MM), territoire ("44" or
    "r52"), canal. Defaults to the last twelve months; anything malformed falls back to the
    default. Suppressed readers then get the publication grid (selectors.publication_period)."""
    today = timezone.localdate().replace(day=1)
    if year is None and re.fullmatch(r"\d{4}", query.get("annee", "")) and 2000 <= int(query["annee"]) <= today.year:
        year = int(query["annee"])
    if year is not None:
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 1)
    else:
        end = _month(query.get("fin")) or today
        start = _month(query.get("debut")) or (end.replace(year=end.year - 1) + dt.timedelta(days=32)).replace(day=1)
        if start > end:
            start, end = end, start
    territory = query.get("territoire", "")
    if not re.fullmatch(r"(r\d{2}|\d{2,3}|2[AB])?", territory):
        territory = ""
    channel = query.get("canal", "")
    if channel not in CHANNEL_LABELS:
        channel = ""
    return Filters(start=start, end=end, territory=territory, channel=channel)


def labels() -> dict[str, dict]:
    from recours.geo.models import Departement, Region
    from recours.taxonomy.models import Criterion, Domain
    from recours.taxonomy.translations import text as taxonomy_text

    return {
        # In the page's language where translated (taxonomy/translations.py).
        "domain": {entry.code: taxonomy_text(entry) for entry in Domain.objects.all()},
        "criterion": {entry.code: taxonomy_text(entry) for entry in Criterion.objects.all()},
        "departement": dict(Departement.objects.values_list("code", "name")),
        "region": dict(Region.objects.values_list("code", "name")),
        "outcome": {k: str(v) for k, v in OUTCOME_LABELS.items()},
        "month": {},
    }


def label_of(names: dict, kind: str, code) -> str:
    if code == TOTAL:
        return str(_("Total"))
    if kind == "month" and isinstance(code, dt.date):
        return code.strftime("%m/%Y")
    return str(names.get(kind, {}).get(code, code or _("non renseigné")))


def table_rows(table: Table, names: dict) -> dict:
    """A table as the page shows it: header labels, then rows of (label, [values], total)."""
    published = table.published()
    header = [label_of(names, table.col_key, c) for c in table.cols]
    rows = []
    for r in table.grid_rows:
        values = [published[(r, c)] for c in table.cols]
        rows.append({"label": label_of(names, table.row_key, r), "values": values, "total": published[(r, TOTAL)],
                     "is_total": r == TOTAL})
    return {"header": header, "rows": rows}


def table_records(table: Table, names: dict) -> list[dict]:
    """A table in long form, for exports: one row per cell (margins included), count None when hidden."""
    published = table.published()
    out = []
    for r in table.grid_rows:
        for c in table.grid_cols:
            out.append({
                table.row_key: "TOTAL" if r == TOTAL else (r.isoformat() if isinstance(r, dt.date) else r),
                f"{table.row_key}_libelle": label_of(names, table.row_key, r),
                table.col_key: "TOTAL" if c == TOTAL else c,
                f"{table.col_key}_libelle": label_of(names, table.col_key, c),
                "effectif": published[(r, c)],
            })
    return out
