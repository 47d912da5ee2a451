"""Import of directory entries: data·inclusion exports (JSON, CSV) and our simple CSV template.

Every row goes through the same gate as the screens (`schema.*_row_validate`). A file is
all-or-nothing unless `partial` is asked: with one rejected row, nothing is written, and
every rejected row is reported with its line and its reasons. Re-importing a file updates
its entries (by data·inclusion id) and duplicates nothing.
"""

from __future__ import annotations

import csv
import io
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from recours.directory.schema import Geography, RowError, service_row_validate, structure_row_validate
from recours.directory.services import UpsertCounts, _existing, directory_upsert
from recours.directory.models import Structure

FORMATS = ("auto", "di-json", "di-csv", "template")

# Our template: one row per service, with its structure. French headers a coordinator reads.
TEMPLATE_STRUCTURE_COLUMNS = {
    "nom_structure": "nom", "siret": "siret", "site_web": "site_web",
    "description_structure": "description",
}
TEMPLATE_SHARED_COLUMNS = (
    "adresse", "complement_adresse", "code_postal", "commune", "code_insee", "latitude", "longitude",
    "telephone", "courriel", "horaires_accueil",
)
TEMPLATE_SERVICE_COLUMNS = (
    "nom_service", "description", "type", "thematiques", "publics", "frais", "frais_precisions",
    "modes_accueil", "modes_mobilisation", "mobilisable_par", "lien_mobilisation", "zone_eligibilite",
    "criteres", "situations_connexes", "domaines", "types_aide", "langues", "courriel_orientation",
    "contact_nom_prenom", "date_verification",
)


@dataclass
class Rejected:
    where: str  # "ligne 12" or "élément 3"
    id: str
    errors: dict[str, str]

    def __str__(self) -> str:
        reasons = "; ".join(f"{name} : {message}" for name, message in self.errors.items())
        return f"{self.where} ({self.id or _('sans identifiant')}) — {reasons}"


@dataclass
class ImportReport:
    rows: int = 0
    counts: UpsertCounts = field(default_factory=UpsertCounts)
    rejected: list[Rejected] = field(default_factory=list)
    written: bool = False
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)  # read, validate, write: seconds each

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


class ImportFileError(ValueError):
    """A file that cannot be read at all (format, encoding, JSON syntax): nothing is written."""


def _text(source) -> str:
    if isinstance(source, (str, Path)):
        raw = Path(source).read_bytes()
    elif hasattr(source, "read"):
        raw = source.read()
    else:
        raw = source
    if isinstance(raw, str):
        return raw.lstrip("\ufeff")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(_("Le fichier doit être encodé en UTF-8.")) from None


def _guess_format(name: str, text: str) -> str:
    stripped = text.lstrip()
    if name.lower().endswith(".json") or stripped.startswith(("[", "{")):
        return "di-json"
    header = stripped.splitlines()[0] if stripped else ""
    return "template" if "nom_service" in header else "di-csv"


def _csv_rows(text: str) -> list[tuple[int, dict]]:
    """(line number, row) for each data row; the delimiter is sniffed among , and ;."""
    sample = text[:4096]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;").delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    rows = []
    for row in reader:
        clean = {}
        for key, value in row.items():
            if key is None:
                continue
            value = (value or "").strip()
            if value.startswith("[") and value.endswith("]"):
                try:
                    value = json.loads(value)
                except json.JSONDecodeError:
                    pass
            clean[key.strip()] = value
        rows.append((reader.line_num, clean))
    return rows


def _json_entries(text: str) -> tuple[list[tuple[str, dict]], list[tuple[str, dict]]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFileError(_("JSON invalide (ligne %(line)d) : %(msg)s") % {"line": exc.lineno, "msg": exc.msg}) from None
    if isinstance(data, dict):
        structures, services = data.get("structures") or [], data.get("services") or []
    elif isinstance(data, list):
        is_service = bool(data) and isinstance(data[0], dict) and "structure_id" in data[0]
        structures, services = ([], data) if is_service else (data, [])
    else:
        raise ImportFileError(_("Le fichier JSON doit contenir une liste de structures ou de services."))
    label = _("élément %(n)d")
    return (
        [(label % {"n": i}, row) for i, row in enumerate(structures, 1)],
        [(label % {"n": i}, row) for i, row in enumerate(services, 1)],
    )


def _split_csv(rows: list[tuple[int, dict]]) -> tuple[list, list]:
    label = _("ligne %(n)d")
    structures, services = [], []
    for line, row in rows:
        (services if "structure_id" in row else structures).append((label % {"n": line}, row))
    return structures, services


def _template_entries(rows: list[tuple[int, dict]], source: str) -> tuple[list, list]:
    """Our template's rows as data·inclusion structures and services."""
    label = _("ligne %(n)d")
    today = timezone.localdate().isoformat()
    structures: dict[str, tuple[str, dict]] = {}
    services = []
    for line, row in rows:
        where = label % {"n": line}
        structure_id = f"{source}--{slugify(row.get('nom_structure', ''))[:80]}"
        shared = {name: row.get(name, "") for name in TEMPLATE_SHARED_COLUMNS}
        if structure_id not in structures:
            structure = {"source": source, "id": structure_id, "date_maj": row.get("date_maj") or today, **shared}
            structure.update({target: row.get(column, "") for column, target in TEMPLATE_STRUCTURE_COLUMNS.items()})
            structures[structure_id] = (where, structure)
        local_id = row.get("identifiant") or slugify(f"{row.get('nom_service', '')} {row.get('code_insee', '')}")
        service = {
            "source": source, "id": f"{source}--{local_id[:100]}", "structure_id": structure_id,
            "date_maj": row.get("date_maj") or today, "nom": row.get("nom_service", ""), **shared,
        }
        service.update({name: row.get(name, "") for name in TEMPLATE_SERVICE_COLUMNS if name != "nom_service"})
        services.append((where, service))
    return list(structures.values()), services


def _validate(entries, validate, geography, report: ImportReport, seen: dict[str, str]):
    valid = []
    for where, row in entries:
        entry_id = str(row.get("id") or "")
        if entry_id and entry_id in seen:
            report.rejected.append(Rejected(where, entry_id, {"id": _("identifiant en double (déjà en %(where)s)") % {
                "where": seen[entry_id]}}))
            continue
        if entry_id:
            seen[entry_id] = where
        try:
            valid.append((where, validate(dict(row), geography)))
        except RowError as error:
            report.rejected.append(Rejected(where, entry_id, error.errors))
    return valid


def directory_import(
    source, *, format: str = "auto", source_name: str = "", partial: bool = False, dry_run: bool = False,
    is_demo: bool = False, structures_source=None, name: str = "",
) -> ImportReport:
    """Import one file (and, for data·inclusion exports in two files, its structures' file)."""
    started = time.perf_counter()
    report = ImportReport()
    text = _text(source)
    name = name or (str(source) if isinstance(source, (str, Path)) else "")
    if format == "auto":
        format = _guess_format(name, text)
    if format not in FORMATS[1:]:
        raise ImportFileError(_("Format inconnu : %(format)s") % {"format": format})

    if format == "di-json":
        structures, services = _json_entries(text)
    elif format == "di-csv":
        structures, services = _split_csv(_csv_rows(text))
    else:
        if not source_name:
            raise ImportFileError(_("Le modèle d'annuaire demande une source (--source), par exemple le nom de l'équipe."))
        structures, services = _template_entries(_csv_rows(text), slugify(source_name))
    if structures_source is not None:
        extra_text = _text(structures_source)
        extra_format = _guess_format(str(structures_source), extra_text)
        extra = _json_entries(extra_text)[0] if extra_format == "di-json" else _split_csv(_csv_rows(extra_text))[0]
        structures = extra + structures
    report.rows = len(structures) + len(services)
    report.phases["read"] = time.perf_counter() - started

    geography = Geography.load()
    seen: dict[str, str] = {}
    valid_structures = _validate(structures, structure_row_validate, geography, report, seen)
    valid_services = _validate(services, service_row_validate, geography, report, seen)

    # A service must hang on a structure of the file (valid) or one already in the directory.
    rejected_ids = {r.id for r in report.rejected}
    known = {fields["di_id"] for _, fields in valid_structures}
    wanted = {fields["structure_di_id"] for _, (fields, _zones) in valid_services} - known
    known |= set(_existing(Structure, sorted(wanted)))
    kept_services = []
    for where, (fields, zones) in valid_services:
        structure_id = fields["structure_di_id"]
        if structure_id in known:
            kept_services.append((fields, zones))
        else:
            reason = (_("sa structure (%(id)s) a été rejetée") if structure_id in rejected_ids
                      else _("structure inconnue : %(id)s")) % {"id": structure_id}
            report.rejected.append(Rejected(where, fields["di_id"], {"structure_id": reason}))

    report.phases["validate"] = time.perf_counter() - started - report.phases["read"]
    if (report.rejected and not partial) or dry_run:
        report.seconds = time.perf_counter() - started
        return report
    with transaction.atomic():
        report.counts = directory_upsert(
            structures=[fields for _, fields in valid_structures], services=kept_services, is_demo=is_demo
        )
    report.written = True
    _statistics_refresh(len(kept_services))
    report.seconds = time.perf_counter() - started
    report.phases["write"] = report.seconds - report.phases["read"] - report.phases["validate"]
    return report


ANALYZE_FROM_ROWS = 1000


def _statistics_refresh(rows: int) -> None:
    """After a large import into PostgreSQL, refresh the planner's statistics of the directory
    at once rather than when autovacuum comes by: the first searches are planned on them."""
    from django.db import connection

    if rows >= ANALYZE_FROM_ROWS and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE directory_structure, directory_service, directory_servicezone")


def template_header() -> list[str]:
    """The columns of the CSV template, in order (recours/directory/data/modele_annuaire.csv)."""
    return ["identifiant", "nom_structure", "siret", "site_web", "description_structure",
            *TEMPLATE_SHARED_COLUMNS, *TEMPLATE_SERVICE_COLUMNS, "date_maj"]
