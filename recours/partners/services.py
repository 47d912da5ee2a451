"""Writes of the partner space: partners, invitations and members, reports filed with a person,
and the partner's answers to hand-overs (through casework's orientation services)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from recours.casework import orientation as orientation_services
from recours.casework.models import Case, Channel, Orientation
from recours.casework.services import case_create_from_report, receipt_issue
from recours.core.audit import audit_record
from recours.core.mail import mail_enqueue
from recours.intake import services as intake
from recours.partners.models import ContactWay, Partner, PartnerInvitation, PartnerMember, PartnerReport

# The session key of the draft a member fills with a person (apart from the public form's).
DRAFT_SESSION_KEY = "partner_report_draft"
# What the member records before the steps, kept in the draft (encrypted) until sending.
CONSENT_KEY = "_partner_consent"


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# --- Partners and their members -------------------------------------------------------


@transaction.atomic
def partner_create(*, structure, actor) -> Partner:
    """Open a partner space for a structure of the directory (once per structure)."""
    partner, created = Partner.objects.get_or_create(structure=structure, defaults={"created_by": actor})
    if not partner.active:
        partner.active = True
        partner.save(update_fields=["active"])
    if created:
        audit_record(actor=actor, action="partner.create", partner=partner.pk, structure=structure.pk)
    return partner


def invitation_create(*, partner: Partner, email: str, actor, is_admin: bool = False, link_for=None) -> tuple[PartnerInvitation, str]:
    """Invite someone to the partner's space: a mail holding a link with a random token, valid
    RECOURS_PARTNER_INVITATION_DAYS and once; only the token's hash is kept. Returns the
    invitation and the token (for the link)."""
    email = (email or "").strip().lower()
    if not email:
        raise ValidationError({"email": _("Indiquez le courriel de la personne à inviter.")})
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = PartnerInvitation.objects.create(
            partner=partner, email=email, is_admin=is_admin, token_hash=_token_hash(token), invited_by=actor,
            expires_at=timezone.now() + dt.timedelta(days=settings.RECOURS_PARTNER_INVITATION_DAYS),
        )
        link = link_for(token) if link_for else token
        mail_enqueue(
            to=email,
            subject=_("Invitation à l'espace partenaire de %(partner)s") % {"partner": partner.structure.nom},
            body=_(
                "Bonjour,\n\nVous êtes invité·e à rejoindre l'espace partenaire de %(partner)s.\n\n"
                "Pour créer votre compte, ouvrez ce lien (valable jusqu'au %(until)s, une seule fois) :\n%(link)s\n\n"
                "Si vous n'attendiez pas cette invitation, ignorez ce courriel.\n"
            ) % {
                "partner": partner.structure.nom, "link": link,
                "until": timezone.localtime(invitation.expires_at).strftime("%d/%m/%Y"),
            },
            kind="partner.invitation",
        )
        audit_record(actor=actor, action="partner.invite", partner=partner.pk, invitation=invitation.pk, admin=is_admin)
    return invitation, token


def invitation_for_token(token: str) -> PartnerInvitation | None:
    """The invitation a link holds, while it is unused and unexpired (None otherwise)."""
    if not token:
        return None
    return PartnerInvitation.objects.select_related("partner__structure").filter(
        token_hash=_token_hash(token), used_at__isnull=True, expires_at__gt=timezone.now(), partner__active=True,
    ).first()


def invitation_accept(*, token: str, username: str, password: str, first_name: str = "", last_name: str = ""):
    """Create the invited person's account and membership; the invitation is spent (once only).
    She then logs in like staff: password, then the set-up of her authenticator app."""
    User = get_user_model()
    username = (username or "").strip()
    with transaction.atomic():
        invitation = invitation_for_token(token)
        if invitation is None:
            raise ValidationError(_("Cette invitation n'est plus valable. Demandez-en une nouvelle."))
        # Spent first, by a conditional update: two posts of the same link cannot both create an account.
        if not PartnerInvitation.objects.filter(pk=invitation.pk, used_at__isnull=True).update(used_at=timezone.now()):
            raise ValidationError(_("Cette invitation n'est plus valable. Demandez-en une nouvelle."))
        if not username:
            raise ValidationError({"username": _("Choisissez un identifiant.")})
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError({"username": _("Cet identifiant est déjà pris : choisissez-en un autre.")})
        user = User(username=username, email=invitation.email, first_name=first_name.strip(), last_name=last_name.strip())
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ValidationError({"password": exc.messages}) from exc
        user.set_password(password)
        try:
            user.save()
        except IntegrityError as exc:
            raise ValidationError({"username": _("Cet identifiant est déjà pris : choisissez-en un autre.")}) from exc
        PartnerMember.objects.create(partner=invitation.partner, user=user, is_admin=invitation.is_admin)
        PartnerInvitation.objects.filter(pk=invitation.pk).update(used_by=user)
        audit_record(actor=user, action="partner.join", partner=invitation.partner_id, invitation=invitation.pk)
    return user


@transaction.atomic
def member_remove(*, partner: Partner, member: PartnerMember, actor) -> None:
    """An admin member removes a member of the same partner: the account is switched off."""
    if member.partner_id != partner.pk:
        raise ValidationError(_("Cette personne n'est pas membre de votre structure."))
    if member.user_id == getattr(actor, "pk", None):
        raise ValidationError(_("Vous ne pouvez pas vous retirer vous-même : demandez-le à un autre gestionnaire."))
    user = member.user
    member.delete()
    user.is_active = False
    user.save(update_fields=["is_active"])
    audit_record(actor=actor, action="partner.member_remove", partner=partner.pk, user=user.pk)


# --- Reports filed with a person ---------------------------------------------------------


def report_start(*, session, person_present: bool, share_with_partner: bool, contact_way: str, key: str = DRAFT_SESSION_KEY):
    """Start a draft in the member's session with what the person agreed to; the steps that follow
    are the public form's own (intake). `key`: the session key of the draft (the quick intake's has its own)."""
    if contact_way not in ContactWay.values:
        raise ValidationError({"contact_way": _("Choisissez comment la personne veut être contactée.")})
    intake.draft_discard(session, key=key)
    return intake.draft_start(session, key=key, data={CONSENT_KEY: {
        "person_present": bool(person_present), "share_with_partner": bool(share_with_partner),
        "contact_way": contact_way, "at": timezone.now().isoformat(),
    }})


def report_consent(draft) -> dict | None:
    return (draft.data or {}).get(CONSENT_KEY) if draft else None


def report_submit(
    *, draft, session, partner: Partner, member_user, form_classes=None, key: str = DRAFT_SESSION_KEY,
    quick: bool = False,
) -> tuple[Case, str]:
    """Send the draft as a case filed by the partner: checked whole by the form's own steps
    (intake.services.report_clean; `form_classes`: the quick intake's few), created by casework,
    with who filed it and the person's consent. The receipt is the person's own (shown once, to give her).
    `quick`: a quick intake in the field, which an adviser completes later with the person."""
    consent = report_consent(draft)
    if consent is None:
        raise intake.ReportInvalid({"consent": [_("Recueillez d'abord l'accord de la personne.")]}, None)
    report = intake.report_clean(draft.data, form_classes=form_classes)
    if quick:
        from dataclasses import replace

        report = replace(report, details={**report.details, "intake": "quick"})
    receipt = receipt_issue()
    through_partner = consent["contact_way"] == ContactWay.PARTNER
    with transaction.atomic():
        case, code = case_create_from_report(
            report=report, channel=Channel.PARTNER, receipt=receipt, filed_by_structure=partner.structure,
            contact_through_partner=through_partner,
        )
        PartnerReport.objects.create(
            case=case, partner=partner, filed_by=member_user, person_present=consent["person_present"],
            share_with_partner=consent["share_with_partner"], contact_way=consent["contact_way"],
            consent_at=dt.datetime.fromisoformat(consent["at"]),
        )
        audit_record(actor=member_user, action="partner.report", case=case, partner=partner.pk,
                     shared=consent["share_with_partner"], contact_way=consent["contact_way"], quick=quick)
        intake.draft_discard(session, key=key)
    return case, code


# --- The hand-over inbox ---------------------------------------------------------------


def inbox_act(*, orientation: Orientation, action: str, actor, comment: str = "") -> Orientation:
    """A member's answer to a hand-over of its inbox (looked up by `selectors.partner_orientation`):
    the state changes are casework's (recours.casework.orientation)."""
    if action == "acknowledge":
        return orientation_services.orientation_acknowledge(orientation=orientation, actor=actor)
    if action in ("accept", "decline"):
        return orientation_services.orientation_answer(
            orientation=orientation, accept=action == "accept", comment=comment, actor=actor, reason_required=True,
        )
    if action == "helped":
        return orientation_services.orientation_mark_helped(orientation=orientation, actor=actor, comment=comment)
    raise ValidationError(_("Action inconnue."))


# --- API credentials --------------------------------------------------------------------

API_KEY_PREFIX = "rcp_"


def credential_create(*, partner: Partner, name: str, scopes, actor):
    """A new key for the partner API; returns (credential, key). The key is shown once and never
    stored: only its SHA-256 is."""
    from recours.partners.models import ApiCredential, ApiScope

    name = (name or "").strip()
    scopes = sorted({s for s in scopes if s in ApiScope.values})
    errors = {}
    if not name:
        errors["name"] = _("Donnez un nom à la clé (par exemple le logiciel qui l'utilise).")
    if not scopes:
        errors["scopes"] = _("Choisissez au moins un droit.")
    if errors:
        raise ValidationError(errors)
    key = API_KEY_PREFIX + secrets.token_urlsafe(32)
    credential = ApiCredential.objects.create(
        partner=partner, name=name[:100], prefix=key[:12], key_hash=_token_hash(key), scopes=scopes, created_by=actor,
    )
    audit_record(actor=actor, action="partner.api_key_create", partner=partner.pk, credential=credential.pk, scopes=scopes)
    return credential, key


def credential_revoke(*, partner: Partner, credential_id: int, actor) -> None:
    from recours.partners.models import ApiCredential

    updated = ApiCredential.objects.filter(pk=credential_id, partner=partner, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if not updated:
        raise ValidationError(_("Cette clé n'existe pas ou est déjà révoquée."))
    audit_record(actor=actor, action="partner.api_key_revoke", partner=partner.pk, credential=credential_id)


def credential_for_key(key: str):
    """The live credential of an active partner a key opens, or None (unknown, revoked)."""
    from recours.partners.models import ApiCredential

    if not key or not key.startswith(API_KEY_PREFIX) or len(key) > 100:
        return None
    credential = ApiCredential.objects.select_related("partner__structure").filter(
        key_hash=_token_hash(key), revoked_at__isnull=True, partner__active=True,
    ).first()
    if credential is not None:
        ApiCredential.objects.filter(pk=credential.pk).update(last_used_at=timezone.now())
    return credential


def report_submit_api(*, report, partner: Partner, credential, share_with_partner: bool, contact_way: str) -> tuple[Case, str]:
    """A report filed through the partner API (already checked by the form's own steps)."""
    if contact_way not in ContactWay.values:
        raise ValidationError({"contact_way": _("Choisissez « direct » ou « partner ».")})
    receipt = receipt_issue()
    with transaction.atomic():
        case, code = case_create_from_report(
            report=report, channel=Channel.PARTNER, receipt=receipt, filed_by_structure=partner.structure,
            contact_through_partner=contact_way == ContactWay.PARTNER,
        )
        PartnerReport.objects.create(
            case=case, partner=partner, filed_by=None, person_present=False, share_with_partner=share_with_partner,
            contact_way=contact_way, consent_at=timezone.now(),
        )
        audit_record(actor=None, action="partner.report", case=case, partner=partner.pk, credential=credential.pk,
                     shared=share_with_partner, contact_way=contact_way)
    return case, code
