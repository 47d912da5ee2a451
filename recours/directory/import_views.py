"""Importing a data·inclusion export from the console (national coordinators), and the public export.

Two steps: the file is read and checked without writing anything (`directory_import(dry_run=True)`),
every rejected row shown with its reasons; the coordinator then confirms, and the same text —
kept meanwhile in her session, never in the browser — is imported (all or nothing, or the valid
rows only if she asks). Nothing is written before the confirmation.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from recours.accounts.permissions import refuse, staff_required
from recours.accounts.selectors import MANAGER_ROLES
from recours.core.audit import audit_record
from recours.directory import coordination, exports
from recours.directory.forms_import import DirectoryImportForm
from recours.directory.imports import ImportFileError, directory_import

SESSION_KEY = "directory_import_pending"


def _pending(request) -> dict | None:
    pending = request.session.get(SESSION_KEY)
    return pending if isinstance(pending, dict) else None


@staff_required(roles=MANAGER_ROLES)
@never_cache
@require_http_methods(["GET", "POST"])
def directory_import_view(request):
    if not coordination.keeps_everything(request.user):
        return refuse(request, _("Les imports de l'annuaire sont réservés à la coordination nationale."))
    action = request.POST.get("action") if request.method == "POST" else None
    form = DirectoryImportForm(request.POST if action == "preview" else None, request.FILES if action == "preview" else None)
    report, status = None, 200
    if action == "preview" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > settings.RECOURS_DIRECTORY_IMPORT_MAX_BYTES:
            form.add_error("file", _("Le fichier est trop volumineux."))
        else:
            text = upload.read()
            try:
                report = directory_import(text, name=upload.name, dry_run=True)
            except ImportFileError as exc:
                form.add_error("file", str(exc))
            else:
                request.session[SESSION_KEY] = {"text": text.decode("utf-8-sig"), "name": upload.name}
        status = 200 if form.is_valid() and not form.errors else 400
    elif action == "confirm":
        pending = _pending(request)
        if pending is None:
            return redirect("directory_coordination:import")
        partial = request.POST.get("partial") == "on"
        report = directory_import(pending["text"].encode(), name=pending["name"], partial=partial)
        if report.written:
            request.session.pop(SESSION_KEY, None)
            audit_record(actor=request.user, action="directory.import", rows=report.rows,
                         rejected=len(report.rejected), partial=partial)
            messages.success(request, _("L'annuaire est mis à jour : %(created)d fiches créées, %(updated)d mises à jour.") % {
                "created": report.counts.services_created + report.counts.structures_created,
                "updated": report.counts.services_updated + report.counts.structures_updated,
            })
            return redirect("directory_coordination:import")
        status = 400
    elif action == "cancel":
        request.session.pop(SESSION_KEY, None)
        return redirect("directory_coordination:import")
    return render(request, "directory/coordination_import.html", {
        "title": _("Importer un export data·inclusion"), "form": form, "report": report,
        "pending": _pending(request) if report is not None else None, "console_section": "directory",
    }, status=status)


EXPORT_TYPES = {"json": "application/json; charset=utf-8", "csv": "text/csv; charset=utf-8"}


@require_GET
def directory_export(request, kind: str, fmt: str):
    """The directory in data·inclusion format: /annuaire/export/services.json, structures.csv..."""
    if kind not in ("structures", "services") or fmt not in EXPORT_TYPES:
        raise Http404
    body = exports.as_json(kind) if fmt == "json" else exports.as_csv(kind)
    response = HttpResponse(body, content_type=EXPORT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{kind}.{fmt}"'
    return response
