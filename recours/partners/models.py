"""Partner organisations, their members, invitations and the reports they file with a person.

A partner is a structure of the directory (data·inclusion `structure`) given a space of its
own. Its members are Django users who log in like staff (password and TOTP, lockout, idle
timeout: recours.accounts) but belong to no team: the console refuses them, the partner
space (`permissions.partner_member_required`) lets them in. A user is a member of one
partner at most. What a partner may see is decided once, in `selectors`.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Partner(models.Model):
    structure = models.OneToOneField(
        "directory.Structure", on_delete=models.PROTECT, related_name="partner", verbose_name=_("structure")
    )
    active = models.BooleanField(_("actif"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("partenaire")
        verbose_name_plural = _("partenaires")
        ordering = ["structure__nom"]

    def __str__(self) -> str:
        return self.structure.nom


class PartnerMember(models.Model):
    """A person of a partner who logs into its space; `is_admin` manages the partner's members."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="members")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partner_membership",
        verbose_name=_("personne"),
    )
    is_admin = models.BooleanField(_("gère les membres"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membre d'un partenaire")
        verbose_name_plural = _("membres des partenaires")
        ordering = ["user__last_name", "user__first_name", "user__username"]

    def __str__(self) -> str:
        return f"{self.user} — {self.partner}"


class PartnerInvitation(models.Model):
    """An invitation to join a partner's space: a link holding a random token (only its SHA-256
    is kept), used once, until `expires_at`."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("courriel"))
    is_admin = models.BooleanField(_("gère les membres"), default=False)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("valable jusqu'au"))
    used_at = models.DateTimeField(_("utilisée le"), null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]


class ContactWay(models.TextChoices):
    DIRECT = "direct", _("directement, avec les coordonnées qu'elle donne")
    PARTNER = "partner", _("seulement par l'intermédiaire du partenaire")


class PartnerReport(models.Model):
    """A report a member filed with or for a person, and what the person agreed to.

    The case itself belongs to casework (created by its services, `Case.filed_by_structure`
    set); this row says who filed it and the person's consent, which bounds what the partner
    sees of the case (`selectors.partner_report_view`)."""

    case = models.OneToOneField("casework.Case", on_delete=models.CASCADE, related_name="partner_report")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="reports")
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    person_present = models.BooleanField(_("rempli avec la personne présente"), default=True)
    share_with_partner = models.BooleanField(_("la personne accepte que le partenaire suive son dossier"))
    contact_way = models.CharField(_("être contactée"), max_length=10, choices=ContactWay.choices)
    consent_at = models.DateTimeField(_("accord recueilli le"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("signalement déposé par un partenaire")
        verbose_name_plural = _("signalements déposés par un partenaire")
        ordering = ["-created_at"]


class ApiScope(models.TextChoices):
    REPORTS_WRITE = "reports:write", _("déposer des signalements")
    REPORTS_READ = "reports:read", _("suivre les signalements déposés")


class ApiCredential(models.Model):
    """A partner's key to the partner API (recours/api/partner.py). The key is shown once, at
    creation; only its SHA-256 is kept (a key is 256 random bits: a fast hash is enough, and one
    indexed query finds it). Revoked, it is refused at once: every request reads this row."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="api_credentials")
    name = models.CharField(_("nom"), max_length=100)
    prefix = models.CharField(_("début de la clé"), max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(_("droits"), default=list)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(_("dernière utilisation"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("révoquée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("clé d'API partenaire")
        verbose_name_plural = _("clés d'API partenaires")
        ordering = ["-created_at"]
