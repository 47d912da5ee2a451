"""The directory in data·inclusion format, for other tools: structures and services, JSON or CSV.

What an import of ours reads back (imports.py): the same field names, lists in CSV as JSON
arrays, services with our extensions (criteria, domains, kinds of help...). Retired services
and demonstration entries are left out.
"""

from __future__ import annotations

import csv
import io
import json

from recours.core.csvsafe import safe_cell
from recours.directory.models import Service, Structure
from recours.directory.schema import service_as_schema


def structure_as_schema(structure: Structure) -> dict:
    return {
        "source": structure.source, "id": structure.di_id, "nom": structure.nom,
        "date_maj": structure.date_maj.isoformat(), "description": structure.description or None,
        "siret": structure.siret or None, "commune": structure.commune or None,
        "code_postal": structure.code_postal or None, "code_insee": structure.code_insee or None,
        "adresse": structure.adresse or None, "complement_adresse": structure.complement_adresse or None,
        "longitude": structure.longitude, "latitude": structure.latitude,
        "telephone": structure.telephone or None, "courriel": structure.courriel or None,
        "site_web": structure.site_web or None, "lien_source": structure.lien_source or None,
        "horaires_accueil": structure.horaires_accueil or None, "reseaux_porteurs": structure.reseaux_porteurs or None,
    }


def exported_services():
    return Service.objects.filter(retired_at__isnull=True, is_demo=False).select_related("structure").order_by("di_id")


def exported_structures():
    return Structure.objects.filter(is_demo=False, services__retired_at__isnull=True).distinct().order_by("di_id")


def rows(kind: str) -> list[dict]:
    if kind == "structures":
        return [structure_as_schema(s) for s in exported_structures()]
    return [service_as_schema(s) for s in exported_services()]


def as_json(kind: str) -> str:
    return json.dumps(rows(kind), ensure_ascii=False, indent=1)


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return safe_cell(json.dumps(value, ensure_ascii=False))
    return value if isinstance(value, (int, float)) else safe_cell(str(value))


def as_csv(kind: str) -> str:
    """One row per entry; a list as a JSON array (as the import reads it); cells made safe for spreadsheets."""
    entries = rows(kind)
    output = io.StringIO()
    if not entries:
        return ""
    writer = csv.DictWriter(output, fieldnames=list(entries[0]))
    writer.writeheader()
    for entry in entries:
        writer.writerow({key: _cell(value) for key, value in entry.items()})
    return output.getvalue()
