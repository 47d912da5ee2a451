"""The adviser console: the queue and the case file.

Every case is looked up inside `cases_visible_to(request.user)` (another team's case is
a 404); every read of a case file and every action is recorded in the audit trail.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from recours.accounts.permissions import staff_required
from recours.casework import selectors, services
from recours.casework.forms import (
    AssignForm,
    CloseForm,
    NoteForm,
    QualificationForm,
    QueueFilterForm,
    ReplyForm,
    StatusForm,
    TeamChoiceForm,
    TemplateSearchForm,
)
from recours.casework.models import Outcome, Period, RespondentKind, Status, StepTaken
from recours.core.audit import audit_events_for_case, audit_record
from recours.core.mail import mail_resend, mails_of_case
from recours.core.models import MailStatus, OutboundMail

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
    "case.qualify": _("Dossier qualifié"),
    "case.transfer": _("Dossier transféré"),
    "advice.ask": _("Avis demandé à une autre équipe"),
    "advice.answer": _("Avis reçu d'une autre équipe"),
    "advice.view": _("Demande d'avis lue par l'équipe sollicitée"),
    "template.insert": _("Réponse type insérée dans la réponse"),
    "call.record": _("Appel noté"),
    "call.sheet_open": _("Fiche d'appel ouverte"),
    "callback.schedule": _("Rappel programmé"),
    "callback.done": _("Rappel fait"),
    "callback.cancel": _("Rappel annulé"),
    "referral.view": _("Saisine consultée"),
    "referral.save": _("Saisine enregistrée"),
    "referral.consent": _("Accord de la personne pour la saisine recueilli"),
    "referral.consent_withdrawn": _("Accord de la personne pour la saisine retiré"),
    "referral.ready": _("Saisine prête à transmettre"),
    "referral.sent": _("Saisine transmise"),
    "referral.export": _("Saisine exportée"),
    "orientation.record": _("Orientation enregistrée"),
    "orientation.search": _("Annuaire consulté pour le dossier"),
    "orientation.acknowledge": _("Orientation reçue par la structure"),
    "orientation.answer": _("Réponse de la structure à l'orientation"),
    "orientation.partner_view": _("Orientation consultée par la structure"),
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


QUEUE_PAGE_SIZE = 50


@staff_required
@require_GET
def queue(request):
    """The queue; with htmx (HX-Request), only the table and the tabs are sent back."""
    form = QueueFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    view = data.get("vue") or selectors.QueueView.ALL
    if view not in selectors.QueueView.LABELS:
        view = selectors.QueueView.ALL
    page = data.get("page") or 1
    counts = selectors.case_queue_counts(request.user)
    now = timezone.now()
    cases = list(
        selectors.case_queue(
            request.user,
            view=view,
            channel=data.get("channel", ""),
            status=data.get("status", ""),
            criterion=data.get("criterion", ""),
            domain=data.get("domain", ""),
            departement=data.get("departement", ""),
            waiting_days=int(data["waiting"]) if data.get("waiting") else None,
        )[(page - 1) * QUEUE_PAGE_SIZE : page * QUEUE_PAGE_SIZE + 1]  # one more row says a next page exists
    )
    has_next, cases = len(cases) > QUEUE_PAGE_SIZE, cases[:QUEUE_PAGE_SIZE]
    for case in cases:
        case.waited = (now - case.waiting_since) if case.waiting_since else None
    filters = request.GET.copy()
    filters.pop("vue", None)
    filters.pop("page", None)
    pages = {}
    for key, number in (("previous", page - 1 if page > 1 else None), ("next", page + 1 if has_next else None)):
        if number:
            query = request.GET.copy()
            query["page"] = str(number)
            pages[key] = query.urlencode()
    tabs = [
        {"key": key, "label": label, "count": counts[key], "current": key == view}
        for key, label in selectors.QueueView.LABELS.items()
    ]
    context = {
        "title": _("File des dossiers"),
        "form": form,
        "tabs": tabs,
        "cases": cases,
        "view": view,
        "filters": filters.urlencode(),
        "page": page,
        "pages": pages,
        "case_base": reverse("casework:queue"),
        "here": request.get_full_path(),
        "console_section": "queue",
    }
    if request.headers.get("HX-Request") == "true" and not request.headers.get("HX-History-Restore-Request"):
        return render(request, "casework/_queue_results.html", context)
    return render(request, "casework/queue.html", context)


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
    """Every event of the case, oldest first, from the audit trail (who and when)."""
    from recours.accounts.models import Team

    status_labels = dict(Status.choices)
    outcome_labels = dict(Outcome.choices)
    events = audit_events_for_case(case)
    team_ids = {event.detail.get(key) for event in events for key in ("from_team", "to_team") if event.detail.get(key)}
    team_names = dict(Team.objects.filter(pk__in=team_ids).values_list("pk", "name"))
    entries = []
    for event in events:
        label = str(EVENT_LABELS.get(event.action, event.action))
        if event.action == "case.status":
            label = _("Statut modifié : %(before)s → %(after)s") % {
                "before": status_labels.get(event.detail.get("before"), "?"),
                "after": status_labels.get(event.detail.get("after"), "?"),
            }
            if event.detail.get("outcome"):
                label += " — " + _("issue : %(outcome)s") % {"outcome": outcome_labels.get(event.detail["outcome"], "?")}
            if event.detail.get("reopened"):
                label += " — " + _("dossier rouvert")
        elif event.action in ("case.transfer", "advice.ask"):
            label += " : " + " → ".join(
                filter(None, [team_names.get(event.detail.get("from_team")), team_names.get(event.detail.get("to_team"), "?")])
            )
        entries.append({"at": event.at, "actor": _display_name(event.actor), "label": label, "action": event.action})
    return entries


def _qualification_initial(case, qualification) -> dict:
    if qualification is None:
        # Start from what the person reported: the adviser confirms or corrects it.
        return {
            "criteria": [criterion.pk for criterion in case.reported_criteria.all()],
            "domain": case.domain_id or "",
        }
    return {
        "criteria": [criterion.pk for criterion in qualification.criteria.all()],
        "related_situations": [situation.pk for situation in qualification.related_situations.all()],
        "domain": qualification.domain_id or "",
        "situation_type": qualification.situation_type_id or "",
        "respondent_kind": qualification.respondent_kind,
        "reasoning": qualification.reasoning,
    }


def _qualification_rows(qualification) -> list[dict]:
    if qualification is None:
        return []
    criteria = "\n".join(f"{criterion.label} — {criterion.legal_source}" for criterion in qualification.criteria.all())
    situations = ", ".join(situation.label for situation in qualification.related_situations.all())
    return [
        {"key": _("Critères et source légale"), "value": criteria or "—"},
        {"key": _("Situations connexes"), "value": situations or "—"},
        {"key": _("Domaine"), "value": qualification.domain.label if qualification.domain else "—"},
        {"key": _("Type de situation"), "value": qualification.situation_type.label if qualification.situation_type else "—"},
        {"key": _("Mis en cause"), "value": RespondentKind(qualification.respondent_kind).label if qualification.respondent_kind else "—"},
        {"key": _("Analyse juridique"), "value": qualification.reasoning or "—"},
        {"key": _("Qualifié"), "value": _("le %(date)s par %(name)s") % {
            "date": timezone.localtime(qualification.qualified_at).strftime("%d/%m/%Y %H:%M"),
            "name": _display_name(qualification.qualified_by),
        }},
    ]


def _transfer_form(case, data=None):
    return TeamChoiceForm(
        data, teams=selectors.teams_to_hand_over(case), id_prefix="transfer",
        text_label=_("Note de transfert"), text_help=_("Pour l'équipe qui reprend le dossier : ce qui est fait, ce qui reste à faire."),
    )


def _advice_form(case, data=None):
    return TeamChoiceForm(
        data, teams=selectors.teams_to_hand_over(case), id_prefix="adviceask",
        text_label=_("Votre question"),
        text_help=_("L'autre équipe lira seulement cette question, la référence, le domaine et les critères : pas le dossier."),
    )


def _template_search(request, case):
    """The legal answers found from the reply box (`?modeles=...`), and the one inserted (`?modele=<id>`)."""
    search_form = TemplateSearchForm(request.GET or None)
    query = search_form.cleaned_data.get("modeles", "") if search_form.is_valid() else ""
    searched = "modeles" in request.GET
    results = list(selectors.answer_templates_for(request.user, query)[:20]) if searched else []
    return search_form, searched, results


def _inserted_reply_form(request, case):
    raw = request.GET.get("modele", "")
    if not raw.isdigit():
        return None
    template = selectors.answer_templates_for(request.user).filter(pk=int(raw)).first()
    if template is None:
        return None
    audit_record(actor=request.user, action="template.insert", case=case, template=template.pk)
    return ReplyForm(initial={"body": services.answer_render(template, case, user=request.user)})


def _render_case(
    request, case, *, reply_form=None, note_form=None, status_form=None, assign_form=None, qualification_form=None,
    close_form=None, transfer_form=None, advice_form=None, status=200,
):
    colleagues = list(selectors.case_colleagues(case))
    qualification = selectors.case_qualification(case)
    search_form, searched, results = _template_search(request, case)
    forms = {
        "reply_form": reply_form or _inserted_reply_form(request, case) or ReplyForm(),
        "note_form": note_form or NoteForm(),
        "status_form": status_form
        or StatusForm(allowed=services.status_choices_from(case.status), initial={"status": ""}),
        "assign_form": assign_form
        or AssignForm(colleagues=colleagues, initial={"assignee": str(case.assigned_to_id or "")}),
        "qualification_form": qualification_form or QualificationForm(initial=_qualification_initial(case, qualification)),
        "close_form": close_form or CloseForm(),
        "transfer_form": transfer_form or _transfer_form(case),
        "advice_form": advice_form or _advice_form(case),
    }
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
            "mails": mails_of_case(case),
            "timeline": _timeline(case),
            "qualification": qualification,
            "qualification_rows": _qualification_rows(qualification),
            "transfers": selectors.case_transfers(case),
            "advice_requests": selectors.case_advice_requests(case),
            "template_search_form": search_form,
            "templates_searched": searched,
            "template_results": results,
            "is_closed": case.status == Status.CLOSED,
            "has_errors": any(form.is_bound and form.errors for form in forms.values()),
            "assigned_to_me": case.assigned_to_id == request.user.pk,
            "console_section": "queue",
            **forms,
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


def _form_errors_from(form, *args) -> None:
    """Put a service's errors on the form: `(form, exc)` or `(form, {service field: form field}, exc)`.
    An error not tied to a field goes to the form as a whole."""
    renames, exc = (args[0], args[1]) if len(args) == 2 else ({}, args[0])
    if not hasattr(exc, "error_dict"):
        for error in exc.messages:
            form.add_error(None, error)
        return
    for field, errors in exc.message_dict.items():
        field = renames.get(field, field)
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
def case_mail_resend(request, reference: str, mail_id: int):
    """Send again a mail about the case that failed for good (never another case's)."""
    case = _case_or_404(request, reference)
    mail = OutboundMail.objects.filter(pk=mail_id, case_id=case.pk, status=MailStatus.FAILED).first()
    if mail is None:
        raise Http404
    with transaction.atomic():
        mail_resend(mail=mail)
        audit_record(actor=request.user, action="mail.resend", case=case, mail=mail.pk)
    messages.success(request, _("Le courriel sera envoyé à nouveau."))
    return _to_case(case)


@staff_required
@require_POST
def case_status(request, reference: str):
    case = _case_or_404(request, reference)
    form = StatusForm(request.POST, allowed=Status.choices)
    if form.is_valid():
        try:
            services.case_status_set(case=case, status=form.cleaned_data["status"], actor=request.user)
        except ValidationError as exc:
            _form_errors_from(form, exc)
        else:
            messages.success(request, _("Le statut du dossier est modifié."))
            return _to_case(case)
    return _render_case(request, case, status_form=form)


@staff_required
@require_POST
def case_qualify(request, reference: str):
    case = _case_or_404(request, reference)
    form = QualificationForm(request.POST)
    if form.is_valid():
        try:
            services.case_qualify(case=case, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors_from(form, exc)
        else:
            messages.success(request, _("La qualification du dossier est enregistrée."))
            return _to_case(case)
    return _render_case(request, case, qualification_form=form)


@staff_required
@require_POST
def case_close(request, reference: str):
    case = _case_or_404(request, reference)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            services.case_close(
                case=case, outcome=form.cleaned_data["outcome"], actor=request.user,
                followup_url=request.build_absolute_uri(reverse("intake:followup")),
                recap_contacts=form.cleaned_data["recap_contacts"],
            )
        except ValidationError as exc:
            _form_errors_from(form, exc)
        else:
            messages.success(request, _("Le dossier est clos."))
            return _to_case(case)
    return _render_case(request, case, close_form=form)


@staff_required
@require_POST
def case_reopen(request, reference: str):
    case = _case_or_404(request, reference)
    try:
        services.case_reopen(case=case, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Le dossier est rouvert."))
    return _to_case(case)


def _chosen_team(form, case):
    chosen = form.cleaned_data["to_team"]
    return selectors.teams_to_hand_over(case).filter(pk=int(chosen)).first() if chosen.isdigit() else None


@staff_required
@require_POST
def case_transfer(request, reference: str):
    case = _case_or_404(request, reference)
    form = _transfer_form(case, request.POST)
    if form.is_valid():
        to_team = _chosen_team(form, case)
        try:
            services.case_transfer(case=case, to_team=to_team, note=form.cleaned_data["text"], actor=request.user)
        except ValidationError as exc:
            _form_errors_from(form, {"note": "text", "body": "text"}, exc)
        else:
            messages.success(
                request, _("Le dossier %(reference)s est transféré à l'équipe %(team)s.") % {"reference": case.reference, "team": to_team.name}
            )
            # The case now belongs to the other team: the adviser may no longer see it.
            return redirect("casework:queue")
    return _render_case(request, case, transfer_form=form)


@staff_required
@require_POST
def case_advice_ask(request, reference: str):
    case = _case_or_404(request, reference)
    form = _advice_form(case, request.POST)
    if form.is_valid():
        to_team = _chosen_team(form, case)
        try:
            services.advice_ask(case=case, to_team=to_team, question=form.cleaned_data["text"], actor=request.user)
        except ValidationError as exc:
            _form_errors_from(form, {"body": "text"}, exc)
        else:
            messages.success(request, _("Votre demande d'avis est envoyée à l'équipe %(team)s.") % {"team": to_team.name})
            return _to_case(case)
    return _render_case(request, case, advice_form=form)


@staff_required
@require_GET
def case_templates(request, reference: str):
    """htmx: the legal answers found from the reply box, or (with `modele`) the reply field filled with one."""
    case = _case_or_404(request, reference)
    if "modele" in request.GET:
        form = _inserted_reply_form(request, case)
        if form is None:
            raise Http404
        return render(request, "casework/_reply_field.html", {"reply_form": form})
    search_form, searched, results = _template_search(request, case)
    return render(
        request, "casework/_template_results.html",
        {"case": case, "template_results": results, "templates_searched": searched, "template_search_form": search_form},
    )


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
