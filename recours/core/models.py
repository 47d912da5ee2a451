import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from recours.core.fields import EncryptedTextField

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


class RateLimitCounter(models.Model):
    """Hits of one client (a keyed hash, never an address) in one time window."""

    key = models.CharField(max_length=100)
    window_start = models.BigIntegerField()
    expires_at = models.BigIntegerField(db_index=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "window_start"], name="ratelimit_unique_window")]


def _relative_luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(colour_a: str, colour_b: str) -> float:
    la, lb = sorted((_relative_luminance(colour_a), _relative_luminance(colour_b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def validate_hex_colour(value: str) -> None:
    if not HEX_COLOUR.match(value or ""):
        raise ValidationError(_("Indiquez une couleur au format #RRGGBB."))


class Conformity(models.TextChoices):
    FULL = "full", _("totalement conforme")
    PARTIAL = "partial", _("partiellement conforme")
    NONE = "none", _("non conforme")


class InstanceSettings(models.Model):
    """Who runs this instance and how it looks: one row, edited in the admin."""

    name = models.CharField(_("nom du service"), max_length=120, default="recours")
    operator = models.CharField(
        _("opérateur"), max_length=200, default="Instance de démonstration",
        help_text=_("L'organisme qui fait fonctionner le service (collectivité, association, service de l'État)."),
    )
    tagline = models.CharField(
        _("accroche"), max_length=200, blank=True,
        default="Signaler une discrimination, être écouté·e, connaître ses droits.",
    )
    logo = models.FileField(_("logo"), upload_to="instance/", blank=True, help_text=_("PNG, JPEG ou WebP."))
    logo_alt = models.CharField(_("texte alternatif du logo"), max_length=200, blank=True)
    colour_primary = models.CharField(
        _("couleur principale"), max_length=7, default="#1d4f91", validators=[validate_hex_colour],
        help_text=_("Utilisée pour les boutons et les liens ; elle doit contraster avec le blanc (4,5:1 au moins)."),
    )
    colour_accent = models.CharField(
        _("couleur d'accent"), max_length=7, default="#b3261e", validators=[validate_hex_colour],
        help_text=_("Utilisée pour le bouton « Quitter rapidement » ; elle doit contraster avec le blanc."),
    )
    phone = models.CharField(_("téléphone"), max_length=40, blank=True, default="")
    phone_hours = models.CharField(_("horaires du téléphone"), max_length=200, blank=True, default="")
    contact_email = models.EmailField(_("adresse de contact"), blank=True, default="")
    chat_enabled = models.BooleanField(_("proposer le tchat"), default=False)
    neutral_site_url = models.URLField(
        _("site neutre de sortie rapide"), default="https://www.meteofrance.com/",
        help_text=_("La page qui remplace le site quand la personne clique sur « Quitter rapidement »."),
    )
    legal_notice = models.TextField(_("mentions légales"), blank=True, default="")
    privacy_notice = models.TextField(
        _("données personnelles"), blank=True, default="",
        help_text=_("Responsable du traitement, finalités, durées de conservation, droits et comment les exercer."),
    )
    accessibility_notice = models.TextField(
        _("déclaration d'accessibilité : informations complémentaires"), blank=True, default=""
    )
    # The audit state the accessibility statement is generated from (RGAA, the French
    # reference of the law of 11 February 2005, article 47).
    accessibility_conformity = models.CharField(
        _("état de conformité au RGAA"), max_length=12, choices=Conformity.choices, default=Conformity.NONE,
        help_text=_("Totale : 100 % des critères respectés ; partielle : 50 % au moins ; non conforme : moins de 50 % ou pas d'audit."),
    )
    accessibility_audit_date = models.DateField(_("date de l'audit d'accessibilité"), null=True, blank=True)
    accessibility_audit_by = models.CharField(_("audit réalisé par"), max_length=200, blank=True, default="")
    accessibility_rate = models.PositiveSmallIntegerField(
        _("taux de conformité (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    accessibility_non_conformities = models.TextField(
        _("non-conformités"), blank=True, default="", help_text=_("Une par ligne, telles que l'audit les décrit.")
    )
    accessibility_exemptions = models.TextField(
        _("dérogations pour charge disproportionnée et contenus non soumis"), blank=True, default="",
        help_text=_("Une par ligne."),
    )
    accessibility_statement_date = models.DateField(_("date de la déclaration"), null=True, blank=True)
    # Deaf and hard-of-hearing people: a visio-interpretation relay (French sign language,
    # cued speech, real-time transcription), shown next to every phone number of the service.
    sign_language_relay_url = models.URLField(
        _("relais en langue des signes : adresse"), blank=True, default="",
        help_text=_("L'adresse du service de visio-interprétation (LSF, LfPC, transcription) qui relaie vos appels."),
    )
    sign_language_relay_hours = models.CharField(_("relais en langue des signes : horaires"), max_length=200, blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("paramètres de l'instance")
        verbose_name_plural = _("paramètres de l'instance")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        for field in ("colour_primary", "colour_accent"):
            value = getattr(self, field)
            if HEX_COLOUR.match(value or "") and contrast_ratio(value, "#ffffff") < 4.5:
                errors[field] = _("Contraste insuffisant avec le blanc (%(ratio).1f:1 ; 4,5:1 au moins).") % {
                    "ratio": contrast_ratio(value, "#ffffff")
                }
        if self.sign_language_relay_url and not self.sign_language_relay_url.startswith("https://"):
            errors["sign_language_relay_url"] = _("Une adresse https:// est attendue.")
        if errors:
            raise ValidationError(errors)

    def non_conformities(self) -> list[str]:
        return [line.strip() for line in self.accessibility_non_conformities.splitlines() if line.strip()]

    def accessibility_exemption_list(self) -> list[str]:
        return [line.strip() for line in self.accessibility_exemptions.splitlines() if line.strip()]

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)


class ReferenceDataVersion(models.Model):
    """Which version of a reference data set (taxonomy, geography) is loaded."""

    name = models.CharField(max_length=50, primary_key=True)
    version = models.CharField(max_length=50)
    loaded_at = models.DateTimeField(auto_now=True)


class AuditEvent(models.Model):
    """One read or change of a case: who, when, what. Append-only.

    `case_id` is a plain indexed integer, not a foreign key, so that purging a case
    keeps its trail. `detail` holds ids and codes only, never personal data (no
    narrative, message, note or contact text).
    """

    at = models.DateTimeField(_("date"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("auteur")
    )
    action = models.CharField(_("action"), max_length=40)
    case_id = models.BigIntegerField(_("dossier"), null=True, blank=True, db_index=True)
    detail = models.JSONField(_("précisions"), default=dict, blank=True)

    class Meta:
        verbose_name = _("événement du journal")
        verbose_name_plural = _("événements du journal")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.case_id or ''}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("audit events are append-only")


class MailStatus(models.TextChoices):
    PENDING = "pending", _("en attente d'envoi")
    SENT = "sent", _("envoyé")
    FAILED = "failed", _("échec")


class OutboundMail(models.Model):
    """A mail to send: the outbox row is the record, the background task only the wake-up.

    Recipient and text are encrypted, and blanked once the mail is sent (what was sent
    stays as kind, status and dates). `case_id` is a plain integer, like the audit trail's:
    the purge of a case deletes its mails (observatory.retention).
    """

    kind = models.CharField(_("type"), max_length=40)
    case_id = models.BigIntegerField(_("dossier"), null=True, blank=True, db_index=True)
    to = EncryptedTextField(_("destinataire"), blank=True)
    subject = EncryptedTextField(_("objet"), blank=True)
    body = EncryptedTextField(_("texte"), blank=True)
    status = models.CharField(_("statut"), max_length=10, choices=MailStatus.choices, default=MailStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    last_error = models.CharField(_("dernière erreur"), max_length=100, blank=True)
    next_attempt_at = models.DateTimeField(_("prochaine tentative"), null=True, blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("courriel sortant")
        verbose_name_plural = _("courriels sortants")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="core_mail_due")]

    def __str__(self) -> str:
        return f"{self.kind} {self.get_status_display()}"


class PeriodicRun(models.Model):
    """The schedule and last run of one periodic job (recours.core.periodic)."""

    class Status(models.TextChoices):
        RUNNING = "running", _("en cours")
        OK = "ok", _("terminé")
        FAILED = "failed", _("en échec")

    name = models.CharField(max_length=50, primary_key=True)
    next_due_at = models.DateTimeField()
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_status = models.CharField(max_length=10, choices=Status.choices, blank=True)
    last_summary = models.CharField(max_length=500, blank=True)
    last_duration_ms = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("tâche périodique")
        verbose_name_plural = _("tâches périodiques")

    def __str__(self):
        return self.name
