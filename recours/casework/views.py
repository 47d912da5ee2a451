"""The adviser console: the queue and the case file.

Every case is looked up inside `cases_visible_to(request.user)` (another team's case is
a 404); every read of a case file and every action is recorded in the audit trail.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from recours.accounts.permissions import staff_required
from recours.casework import selectors, services
from recours.casework.forms import AssignForm, NoteForm, QueueFilterForm, ReplyForm, StatusForm
from recours.casework.models import Period, Status, StepTaken
from recours.core.audit import audit_events_for_case, audit_record

CONTACT_LABELS = {
    "name": _("Nom ou prénom"),
    "email": _("Courriel"),
    "phone": _("Téléphone"),
    "best_time": _("Moment préféré pour être appelé·e"),
}

EVENT_LABELS = {
    "case.view": _("Dossier consulté"),
    "case.reply": _("Réponse envoyée à la personne"),
    "mail.sent": _("Courriel de notification envoyé"),
    "mail.failed": _("Échec de l'envoi du courriel de notification"),
    "note.add": _("Note interne ajoutée"),
    "case.status": _("Statut modifié"),
    "case.assign": _("Attribution modifiée"),
    "attachment.download": _("Pièce jointe téléchargée"),
}


def _case_or_404(request, reference: str):
    case = selectors.case_for_staff(request.user, reference)
    if case is None:
        raise Http404
    return case


def _display_name(user) -> str:
    if user is None:
        return _("système")
    return user.get_full_name() or user.get_username()


@staff_required
@require_GET
def queue(request):
    form = QueueFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    view = data.get("vue") or selectors.QueueView.ALL
    if view not in selectors.QueueView.LABELS:
        view = selectors.QueueView.ALL
    counts = selectors.case_queue_counts(request.user)
    now = timezone.now()
    cases = list(
        selectors.case_queue(request.user, view=view, channel=data.get("channel", ""), status=data.get("status", ""))[:200]
    )
    for case in cases:
        case.waited = (now - case.waiting_since) if case.waiting_since else None
    tabs = [
        {"key": key, "label": label, "count": counts[key], "current": key == view}
        for key, label in selectors.QueueView.LABELS.items()
    ]
    return render(
        request,
        "casework/queue.html",
        {"title": _("File des dossiers"), "form": form, "tabs": tabs, "cases": cases, "view": view},
    )


def _case_rows(case) -> list[dict]:
    if case.online:
        where = _("En ligne")
    elif case.commune_id:
        where = f"{case.commune.name} ({case.postal_code})" if case.postal_code else case.commune.name
    else:
        where = case.postal_code or _("Non précisé")
    if case.occurred_on:
        when = case.occurred_on.strftime("%d/%m/%Y")
    elif case.occurred_period:
        when = Period(case.occurred_period).label
    else:
        when = _("Non précisé")
    grounds = ", ".join(ground.label for ground in case.plain_grounds.all())
    if case.grounds_unknown:
        grounds = ", ".join(filter(None, [grounds, _("La personne ne sait pas")]))
    criteria = "\n".join(f"{criterion.label} — {criterion.legal_source}" for criterion in case.reported_criteria.all())
    steps = "\n".join(str(StepTaken(step).label) for step in case.steps_taken if step in StepTaken.values)
    return [
        {"key": _("Référence"), "value": case.reference},
        {"key": _("Canal"), "value": case.get_channel_display()},
        {"key": _("Reçu le"), "value": timezone.localtime(case.created_at).strftime("%d/%m/%Y %H:%M")},
        {"key": _("Équipe"), "value": case.team.name if case.team else "—"},
        {"key": _("Attribué à"), "value": _display_name(case.assigned_to) if case.assigned_to else _("Personne")},
        {"key": _("Qualité de la personne"), "value": case.reporter_role.label},
        {"key": _("Lieu"), "value": where},
        {"key": _("Date des faits"), "value": when},
        {"key": _("Motifs selon la personne"), "value": grounds or "—"},
        {"key": _("Critères correspondants et source légale"), "value": criteria or "—"},
        {"key": _("Domaine"), "value": case.domain.label if case.domain else "—"},
        {"key": _("Démarches déjà faites"), "value": steps or "—"},
    ]


def _contact_rows(case) -> list[dict]:
    contact = case.contact or {}
    rows = [{"key": CONTACT_LABELS.get(key, key), "value": value} for key, value in contact.items() if value]
    if rows:
        rows.append(
            {"key": _("Prévenir par courriel"), "value": _("Oui") if case.notify_by_email else _("Non")}
        )
    return rows


def _timeline(case) -> list[dict]:
    status_labels = dict(Status.choices)
    entries = []
    for event in audit_events_for_case(case):
        label = str(EVENT_LABELS.get(event.action, event.action))
        if event.action == "case.status":
            label = _("Statut modifié : %(before)s → %(after)s") % {
                "before": status_labels.get(event.detail.get("before"), "?"),
                "after": status_labels.get(event.detail.get("after"), "?"),
            }
        entries.append({"at": event.at, "actor": _display_name(event.actor), "label": label})
    return entries


def _render_case(request, case, *, reply_form=None, note_form=None, status_form=None, assign_form=None, status=200):
    colleagues = list(selectors.case_colleagues(case))
    return render(
        request,
        "casework/case.html",
        {
            "title": _("Dossier %(reference)s") % {"reference": case.reference},
            "case": case,
            "rows": _case_rows(case),
            "contact_rows": _contact_rows(case),
            "thread": selectors.case_thread(case),
            "attachments": case.attachments.all(),
            "notes": selectors.case_notes(case),
            "timeline": _timeline(case),
            "reply_form": reply_form or ReplyForm(),
            "note_form": note_form or NoteForm(),
            "status_form": status_form or StatusForm(initial={"status": case.status}),
            "assign_form": assign_form
            or AssignForm(colleagues=colleagues, initial={"assignee": str(case.assigned_to_id or "")}),
            "assigned_to_me": case.assigned_to_id == request.user.pk,
        },
        status=status,
    )


@staff_required
@require_GET
def case_file(request, reference: str):
    case = _case_or_404(request, reference)
    audit_record(actor=request.user, action="case.view", case=case)
    return _render_case(request, case)


def _to_case(case):
    return redirect("casework:case", reference=case.reference)


def _form_errors_from(form, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        for error in errors:
            form.add_error(field if field in form.fields else None, error)


@staff_required
@require_POST
def case_reply(request, reference: str):
    case = _case_or_404(request, reference)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.case_reply(
                case=case,
                body=form.cleaned_data["body"],
                actor=request.user,
                followup_url=request.build_absolute_uri(reverse("intake:followup")),
            )
        except ValidationError as exc:
            _form_errors_from(form, exc)
        else:
            messages.success(request, _("Votre réponse est envoyée : la personne la lira sur sa page de suivi."))
            return _to_case(case)
    return _render_case(request, case, reply_form=form)


@staff_required
@require_POST
def case_note(request, reference: str):
    case = _case_or_404(request, reference)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.note_add(case=case, body=form.cleaned_data["body"], author=request.user)
        except ValidationError as exc:
            _form_errors_from(form, exc)
        else:
            messages.success(request, _("La note interne est enregistrée."))
            return _to_case(case)
    return _render_case(request, case, note_form=form)


@staff_required
@require_POST
def case_status(request, reference: str):
    case = _case_or_404(request, reference)
    form = StatusForm(request.POST)
    if form.is_valid():
        services.case_status_set(case=case, status=form.cleaned_data["status"], actor=request.user)
        messages.success(request, _("Le statut du dossier est modifié."))
        return _to_case(case)
    return _render_case(request, case, status_form=form)


@staff_required
@require_POST
def case_assign(request, reference: str):
    """Assign to me (`assignee=moi`), to a colleague of the case's team (their id), or to nobody ("")."""
    case = _case_or_404(request, reference)
    colleagues = list(selectors.case_colleagues(case))
    raw = request.POST.get("assignee", "")
    if raw == "moi":
        raw = str(request.user.pk)
    form = AssignForm({"assignee": raw}, colleagues=colleagues)
    if form.is_valid():
        chosen = form.cleaned_data["assignee"]
        assignee = next((user for user in colleagues if str(user.pk) == chosen), None) if chosen else None
        services.case_assign(case=case, assignee=assignee, actor=request.user)
        messages.success(request, _("L'attribution du dossier %(reference)s est enregistrée.") % {"reference": case.reference})
        next_url = request.POST.get("next", "")
        if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            return redirect(next_url)
        return _to_case(case)
    return _render_case(request, case, assign_form=form)


@staff_required
@require_GET
def case_attachment(request, reference: str, attachment_id: int):
    case = _case_or_404(request, reference)
    attachment = case.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404
    audit_record(actor=request.user, action="attachment.download", case=case, attachment=attachment.pk)
    response = HttpResponse(attachment.data, content_type=attachment.content_type)
    response["Content-Disposition"] = f'attachment; filename="{attachment.filename}"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
