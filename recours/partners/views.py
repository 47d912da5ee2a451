"""The partner space (/partenaires/): login, members, reports filed with a person, the hand-over inbox.

Every page but the login and the invitation is behind `partner_member_required`, and looks
its rows up through `selectors` (another partner's report or hand-over is a 404).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout as auth_logout
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from recours.accounts.views import login_page
from recours.core import ratelimit
from recours.core.audit import audit_record
from recours.core.receipts import receipt_format, receipt_normalize
from recours.intake import services as intake
from recours.intake.views import step_page, step_post
from recours.partners import selectors, services
from recours.partners.forms import InboxActionForm, InvitationForm, JoinForm, ReportConsentForm
from recours.partners.permissions import partner_member_required

DIGIT_WORDS = ("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf")


def _errors_to_form(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        for error in exc.messages:
            form.add_error(None, error)


def _context(request, **values) -> dict:
    member = getattr(request, "partner_member", None)
    return {"member": member, "partner": member.partner if member else None, **values}


# --- Login, invitation --------------------------------------------------------------------


@sensitive_post_parameters("password", "code")
@require_http_methods(["GET", "POST"])
def login(request):
    """The staff login (recours.accounts: both factors, lockout), landing in the partner space."""
    return login_page(request, title=_("Connexion à l'espace partenaire"), default_next="partners:home")


@require_POST
def logout(request):
    auth_logout(request)
    return redirect("partners:login")


@never_cache
@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def join(request, token: str):
    """Accept an invitation: choose an identifier and a password (the app is set up at first login)."""
    invitation = services.invitation_for_token(token)
    if invitation is None:
        return render(request, "partners/invitation_gone.html", {"title": _("Invitation invalide ou expirée")}, status=404)
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_accept(token=token, **form.cleaned_data)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Votre compte est créé. Connectez-vous : vous configurerez ensuite votre application d'authentification."))
            return redirect("partners:login")
    return render(request, "partners/join.html", {
        "title": _("Rejoindre l'espace partenaire de %(partner)s") % {"partner": invitation.partner.structure.nom},
        "form": form, "invitation": invitation,
    })


# --- Home and members ------------------------------------------------------------------


@partner_member_required
@require_GET
def home(request):
    partner = request.partner_member.partner
    inbox = selectors.partner_inbox(partner)
    return render(request, "partners/home.html", _context(
        request, title=partner.structure.nom, section="home",
        waiting=inbox.filter(status__in=selectors.WAITING_STATES).count(),
        reports=selectors.partner_reports(partner)[:10],
    ))


@partner_member_required(admin=True)
@require_http_methods(["GET", "POST"])
def members(request):
    partner = request.partner_member.partner
    form = InvitationForm(request.POST if request.POST.get("action") == "invite" else None)
    if request.method == "POST" and request.POST.get("action") == "remove":
        member = selectors.partner_members(partner).filter(pk=request.POST.get("member") or 0).first()
        if member is None:
            raise Http404
        try:
            services.member_remove(partner=partner, member=member, actor=request.user)
        except ValidationError as exc:
            messages.success(request, " ".join(exc.messages))
        else:
            messages.success(request, _("La personne n'a plus accès à l'espace de votre structure."))
        return redirect("partners:members")
    if form.is_bound and form.is_valid():
        services.invitation_create(
            partner=partner, email=form.cleaned_data["email"], is_admin=form.cleaned_data["is_admin"], actor=request.user,
            link_for=lambda token: request.build_absolute_uri(reverse("partners:join", args=[token])),
        )
        messages.success(request, _("L'invitation est envoyée par courriel."))
        return redirect("partners:members")
    return render(request, "partners/members.html", _context(
        request, title=_("Membres de la structure"), section="members", form=form, members=selectors.partner_members(partner),
        invitations=selectors.partner_invitations_pending(partner),
    ))


# --- Reports filed with a person -------------------------------------------------------------


@partner_member_required
@require_http_methods(["GET", "POST"])
def report_start(request):
    """Before the steps: who fills the report and what the person agrees to."""
    form = ReportConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.report_start(
            session=request.session, person_present=form.cleaned_data["person_present"],
            share_with_partner=form.cleaned_data["share_with_partner"], contact_way=form.cleaned_data["contact_way"],
        )
        return redirect("partners:report_steps")
    return render(request, "partners/report_start.html", _context(
        request, title=_("Faire un signalement avec une personne"), form=form, section="report",
    ))


@partner_member_required
@require_http_methods(["GET", "POST"])
def report_steps(request):
    """The report's steps, the public form's own (intake.views.step_post / step_page), at one address."""
    draft = intake.draft_get(request.session, key=services.DRAFT_SESSION_KEY)
    if request.method == "GET":
        receipt = intake.receipt_take(request.session)
        if receipt:
            return _receipt_page(request, receipt)
        if draft is None or services.report_consent(draft) is None:
            return redirect("partners:report_start")
        return step_page(request, draft, form_action=reverse("partners:report_steps"))
    if draft is None or services.report_consent(draft) is None:
        return redirect("partners:report_start")
    return step_post(request, draft, to="partners:report_steps", submit=_submit)


def _submit(request, draft):
    if not ratelimit.report_submission_allowed(request):
        messages.success(request, _("Beaucoup de signalements ont été envoyés depuis ce poste : réessayez un peu plus tard."))
        return redirect("partners:report_steps")
    try:
        _case, receipt = services.report_submit(
            draft=draft, session=request.session, partner=request.partner_member.partner, member_user=request.user,
        )
    except intake.ReportInvalid as exc:
        from recours.intake.steps import NAMES
        from recours.intake.views import show_errors

        draft.return_to_summary = True
        return show_errors(request, draft, exc.first_step or NAMES[0], to="partners:report_steps")
    except ValidationError as exc:
        from recours.intake.views import show_errors

        draft.return_to_summary = True
        return show_errors(request, draft, "where" if "postal_code" in getattr(exc, "error_dict", {}) else "role",
                           to="partners:report_steps")
    intake.receipt_hand_over(request.session, receipt)
    return redirect("partners:report_steps")


def _receipt_page(request, receipt: str, *, template: str = "partners/receipt.html"):
    """The person's own receipt, once: a small card to print and give her, and the digits to read aloud."""
    digits = receipt_normalize(receipt)
    spoken = " – ".join(" ".join(DIGIT_WORDS[int(d)] for d in digits[i:i + 4]) for i in range(0, len(digits), 4))
    return render(request, template, _context(
        request, title=_("Le signalement est envoyé"), receipt=receipt_format(receipt), spoken=spoken, section="report",
        followup_url=request.build_absolute_uri(reverse("intake:followup")),
    ))


@partner_member_required
@require_GET
def cases(request):
    partner = request.partner_member.partner
    return render(request, "partners/cases.html", _context(
        request, title=_("Signalements déposés par votre structure"), section="cases", reports=selectors.partner_reports(partner),
    ))


@partner_member_required
@require_GET
def case_detail(request, reference: str):
    report = selectors.partner_report_for(request.partner_member.partner, reference)
    if report is None:
        raise Http404
    view = selectors.partner_case_view(report)
    if view.shared:
        audit_record(actor=request.user, action="partner.case_view", case=report.case_id)
    return render(request, "partners/case.html", _context(
        request, title=_("Signalement %(reference)s") % {"reference": report.case.reference}, view=view, section="cases",
    ))


# --- The hand-over inbox ------------------------------------------------------------------


@partner_member_required
@require_GET
def inbox(request):
    partner = request.partner_member.partner
    return render(request, "partners/inbox.html", _context(
        request, title=_("Orientations reçues"), section="inbox", orientations=selectors.partner_inbox(partner),
    ))


@partner_member_required
@require_http_methods(["GET", "POST"])
def orientation_detail(request, pk: int):
    orientation = selectors.partner_orientation(request.partner_member.partner, pk)
    if orientation is None:
        raise Http404
    form = InboxActionForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.inbox_act(
                orientation=orientation, action=request.POST.get("action", ""), actor=request.user,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
            status = 400
        else:
            messages.success(request, _("Votre réponse est enregistrée : l'équipe la voit sur le dossier."))
            return redirect("partners:orientation", pk=orientation.pk)
    elif request.method == "GET":
        audit_record(actor=request.user, action="partner.orientation_view", case=orientation.case_id,
                     orientation=orientation.pk)
    return render(request, "partners/orientation.html", _context(
        request, title=_("Orientation reçue"), section="inbox", orientation=orientation, content=orientation.handover, form=form,
    ), status=status)


# --- API keys -----------------------------------------------------------------------------


@partner_member_required(admin=True)
@require_http_methods(["GET", "POST"])
def api_keys(request):
    """The partner's keys to the partner API: created (shown once), revoked at once."""
    from recours.partners.forms import ApiCredentialForm

    partner = request.partner_member.partner
    action = request.POST.get("action") if request.method == "POST" else None
    form = ApiCredentialForm(request.POST if action == "create" else None)
    new_key = ""
    if action == "revoke":
        raw = request.POST.get("credential", "")
        try:
            services.credential_revoke(partner=partner, credential_id=int(raw) if raw.isdigit() else 0, actor=request.user)
        except ValidationError:
            raise Http404
        messages.success(request, _("La clé est révoquée : elle est refusée dès maintenant."))
        return redirect("partners:api_keys")
    if action == "create" and form.is_valid():
        try:
            _credential, new_key = services.credential_create(
                partner=partner, name=form.cleaned_data["name"], scopes=form.cleaned_data["scopes"], actor=request.user,
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            form = ApiCredentialForm()
    response = render(request, "partners/api_keys.html", _context(
        request, title=_("Clés d'API"), section="api", form=form, new_key=new_key,
        credentials=partner.api_credentials.all(),
    ))
    response["Cache-Control"] = "no-store"  # a new key is shown once
    return response
