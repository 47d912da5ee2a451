"""Writes of the local plan report: the QPV list, a case's QPV, the introduction, publication."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from recours.core.audit import audit_record
from recours.localplan.models import CaseQpv, LocalPlanReport, Qpv

# QPV codes: "QN" + département + number (2024 list, e.g. QN04401M) or the 2015 list's "QP044001".
QPV_CODE = re.compile(r"^Q[NP][0-9A-Z]{5,8}$")


class QpvImportError(Exception):
    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


@dataclass
class QpvImport:
    created: int = 0
    updated: int = 0
    reasons: list[str] = field(default_factory=list)


def qpv_rows(text: str) -> list[tuple[str, str]]:
    """The (code, name) rows of the operator's CSV (header `code,nom`, `;` or `,`), every
    malformed row refused with its line and its reason: nothing is imported unless all are good."""
    sample = text[:2048]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter)
    rows, reasons, seen = [], [], set()
    header = next(reader, None)
    if header is None or [h.strip().lower() for h in header[:2]] not in (["code", "nom"], ["code", "name"]):
        raise QpvImportError([_("Ligne 1 : l'en-tête doit être « code;nom ».")])
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != 2:
            reasons.append(_("Ligne %(line)d : deux colonnes attendues, %(n)d trouvées.") % {"line": line, "n": len(row)})
            continue
        code, name = row[0].strip().upper(), row[1].strip()
        if not QPV_CODE.match(code):
            reasons.append(_("Ligne %(line)d : code « %(code)s » invalide (attendu QN… ou QP…).") % {"line": line, "code": code[:30]})
        elif not name or len(name) > 200:
            reasons.append(_("Ligne %(line)d : nom absent ou trop long.") % {"line": line})
        elif code in seen:
            reasons.append(_("Ligne %(line)d : code %(code)s en double.") % {"line": line, "code": code})
        else:
            seen.add(code)
            rows.append((code, name))
    if reasons:
        raise QpvImportError(reasons)
    if not rows:
        raise QpvImportError([_("Le fichier ne contient aucun quartier.")])
    return rows


@transaction.atomic
def qpv_import(text: str, *, actor=None) -> QpvImport:
    """Create or rename the QPVs of the list (a QPV absent from it stays: cases may name it)."""
    result = QpvImport()
    existing = dict(Qpv.objects.values_list("code", "name"))
    for code, name in qpv_rows(text):
        if code not in existing:
            Qpv.objects.create(code=code, name=name)
            result.created += 1
        elif existing[code] != name:
            Qpv.objects.filter(code=code).update(name=name)
            result.updated += 1
    audit_record(actor=actor, action="localplan.qpv_import", created=result.created, updated=result.updated)
    return result


def case_qpv_set(case, qpv: Qpv | None, *, actor) -> None:
    """Record (or clear, with None) the QPV the case happened in or concerns."""
    if qpv is None:
        CaseQpv.objects.filter(case=case).delete()
    else:
        CaseQpv.objects.update_or_create(case=case, defaults={"qpv": qpv, "set_by": actor})
    audit_record(actor=actor, action="localplan.case_qpv", case=case, qpv=qpv.code if qpv else "")


def report_for(team, year: int) -> LocalPlanReport:
    report, _created = LocalPlanReport.objects.get_or_create(team=team, year=year)
    return report


def introduction_save(team, year: int, text: str, *, actor) -> LocalPlanReport:
    report = report_for(team, year)
    report.introduction = text
    report.updated_by = actor
    report.save()
    audit_record(actor=actor, action="localplan.edit", team=team.pk, year=year)
    return report


def publish(team, year: int, *, public: bool, actor) -> LocalPlanReport:
    report = report_for(team, year)
    report.published_at = timezone.now() if public else None
    report.updated_by = actor
    report.save()
    audit_record(actor=actor, action="localplan.publish", team=team.pk, year=year, public=public)
    return report
