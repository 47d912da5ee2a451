"""The adviser console: the queue and the case file.

Every case is looked up inside `cases_visible_to(request.user)` (another team's case is
a 404); every read of a case file and every action is recorded in the audit trail.
A GET changes nothing: the one row it writes is the audit event of the read itself
(`case.view`, `template.insert`, `attachment.download`), as the design asks of every read
of a case. What the pages show is shaped in `presentation.py`.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from recours.accounts.permissions import staff_required
from recours.casework import presentation, selectors, services
from recours.casework.attachments import attachment_response
from recours.casework.forms import (
    AssignForm,
    CloseForm,
    NoteForm,
    PartnerMessageForm,
    QualificationForm,
    QueueFilterForm,
    ReplyForm,
    StatusForm,
    TeamChoiceForm,
    TemplateSearchForm,
)
from recours.casework.models import Status
from recours.core.audit import audit_record
from recours.core.mail import mail_resend, mails_of_case
from recours.core.models import MailStatus, OutboundMail


def _case_or_404(request, reference: str):
    case = selectors.case_for_staff(request.user, reference)
    if case is None:
        raise Http404
    return case


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
    filters = request.GET.copy()
    filters.pop("vue", None)
    filters.pop("page", None)
    context = {
        "page_references": [case.reference for case in cases],
        "title": _("File des dossiers"),
        "form": form,
        "tabs": presentation.queue_tabs(counts, current=view),
        "cases": presentation.queue_rows(cases, now=timezone.now()),
        "view": view,
        "filters": filters.urlencode(),
        "page": page,
        "pages": presentation.queue_pages(request.GET, page=page, has_next=has_next),
        "case_base": reverse("casework:queue"),
        "here": request.get_full_path(),
        "console_section": "mine" if view == selectors.QueueView.MINE else "queue",
        "queue_query": request.GET.urlencode(),
        "colleagues": [{"pk": user.pk, "name": user.get_full_name() or user.get_username()}
                       for user in selectors.queue_colleagues(request.user)],
        "transfer_teams": list(selectors.teams_for_bulk_transfer().values("pk", "name")),
        "bulk_url": reverse("casework:bulk"),
    }
    if request.headers.get("HX-Request") == "true" and not request.headers.get("HX-History-Restore-Request"):
        return render(request, "casework/_queue_results.html", context)
    return render(request, "casework/queue.html", context)


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
    close_form=None, transfer_form=None, advice_form=None, partner_form=None, status=200,
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
        "qualification_form": qualification_form or QualificationForm(initial=presentation.qualification_initial(case, qualification)),
        "close_form": close_form or CloseForm(),
        "transfer_form": transfer_form or _transfer_form(case),
        "advice_form": advice_form or _advice_form(case),
        "partner_form": partner_form or PartnerMessageForm(),
    }
    return render(
        request,
        "casework/case.html",
        {
            "title": _("Dossier %(reference)s") % {"reference": case.reference},
            "case": case,
            "rows": presentation.case_rows(case),
            "contact_rows": presentation.contact_rows(case),
            "thread": selectors.case_thread(case),
            "attachments": case.attachments.all(),
            "notes": selectors.case_notes(case),
            "mails": mails_of_case(case),
            "timeline": presentation.case_timeline(case),
            "qualification": qualification,
            "qualification_rows": presentation.qualification_rows(qualification),
            "transfers": selectors.case_transfers(case),
            "advice_requests": selectors.case_advice_requests(case),
            "partner_messages": selectors.case_partner_messages(case),
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
    form = ReplyForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.case_reply(
                case=case,
                body=form.cleaned_data["body"],
                actor=request.user,
                followup_url=request.build_absolute_uri(reverse("intake:followup")),
                uploads=form.uploads(),
            )
        except ValidationError as exc:
            _form_errors_from(form, exc)
        else:
            messages.success(request, _("Votre réponse est envoyée : la personne la lira sur sa page de suivi."))
            return _to_case(case)
    return _render_case(request, case, reply_form=form)


@staff_required
@require_POST
def case_partner_message(request, reference: str):
    """A message to the partner structure that filed the case (never shown to the person)."""
    case = _case_or_404(request, reference)
    form = PartnerMessageForm(request.POST)
    if form.is_valid():
        try:
            services.case_message_to_partner(case=case, body=form.cleaned_data["body"], actor=request.user)
        except ValidationError as exc:
            _form_errors_from(form, exc)
        else:
            messages.success(request, _("Votre message est envoyé à la structure partenaire."))
            return _to_case(case)
    return _render_case(request, case, partner_form=form)


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
    return attachment_response(attachment)


BULK_ACTIONS = ("moi", "attribuer", "transferer")


def _queue_return(request):
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                                    require_https=request.is_secure()):
        return redirect(next_url)
    return redirect("casework:queue")


@staff_required
@require_POST
def queue_bulk(request):
    """The queue's bulk actions on the ticked cases (`dossiers`), or every case of the page
    (`tout`, with the page's `page_dossiers`): assign to me, to a colleague, or transfer to a team.

    Every reference is looked up among the cases the user may see: one she may not see refuses
    the whole batch, and nothing is done. Each case goes through the case's own service
    (one audit entry per case), all in one transaction.
    """
    action = request.POST.get("action", "")
    references = request.POST.getlist("page_dossiers" if request.POST.get("tout") else "dossiers")
    if action not in BULK_ACTIONS:
        messages.error(request, _("Choisissez une action pour les dossiers cochés."))
        return _queue_return(request)
    if not references:
        messages.error(request, _("Cochez au moins un dossier."))
        return _queue_return(request)
    cases, refused = selectors.cases_for_bulk(request.user, references)
    if refused:
        messages.error(request, _("Action refusée : vous n'avez pas accès au dossier %(references)s. Aucun dossier n'a été modifié.")
                       % {"references": ", ".join(refused)})
        return _queue_return(request)
    try:
        if action == "transferer":
            raw = request.POST.get("to_team", "")
            to_team = selectors.teams_for_bulk_transfer().filter(pk=int(raw)).first() if raw.isdigit() else None
            done = services.cases_bulk_transfer(cases=cases, to_team=to_team, note=request.POST.get("note", ""),
                                                actor=request.user)
            text = _("%(count)s dossier(s) transféré(s) à l'équipe %(team)s.") % {"count": done, "team": to_team.name}
        else:
            if action == "moi":
                assignee = request.user
            else:
                raw = request.POST.get("assignee", "")
                assignee = selectors.queue_colleagues(request.user).filter(pk=int(raw)).first() if raw.isdigit() else None
                if assignee is None:
                    raise ValidationError(_("Choisissez la personne à qui attribuer les dossiers."))
            done = services.cases_bulk_assign(cases=cases, assignee=assignee, actor=request.user)
            text = _("%(count)s dossier(s) attribué(s) à %(name)s.") % {
                "count": done, "name": assignee.get_full_name() or assignee.get_username()}
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages) + " " + _("Aucun dossier n'a été modifié."))
    else:
        messages.success(request, text)
    return _queue_return(request)
