"""A case: one model whatever the channel it came in by.

Sensitive fields (narrative, details, contact, messages, attachments) are
encrypted at rest; what queues and statistics need stays in clear.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from recours.core.fields import EncryptedBinaryField, EncryptedJSONField, EncryptedTextField

REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U


def reference_generate() -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


class Channel(models.TextChoices):
    FORM = "form", _("formulaire")
    API = "api", _("API partenaire")
    CHAT = "chat", _("tchat")
    PHONE = "phone", _("téléphone")


class Status(models.TextChoices):
    NEW = "new", _("nouveau")
    IN_PROGRESS = "in_progress", _("en cours")
    AWAITING_PERSON = "awaiting_person", _("en attente de la personne")
    INFORMATION_GIVEN = "information_given", _("information donnée")
    ORIENTED = "oriented", _("orienté")
    REFERRAL_PREPARED = "referral_prepared", _("saisine préparée")
    TRANSFERRED = "transferred", _("transféré")
    CLOSED = "closed", _("clos")


class Period(models.TextChoices):
    """When it happened, when the person has no exact date."""

    ONGOING = "en_cours", _("C'est toujours en cours")
    WEEK = "semaine", _("Il y a moins d'une semaine")
    MONTH = "mois", _("Il y a moins d'un mois")
    SIX_MONTHS = "six_mois", _("Il y a un à six mois")
    YEAR = "an", _("Il y a six mois à un an")
    FIVE_YEARS = "cinq_ans", _("Il y a un à cinq ans")
    OLDER = "plus", _("Il y a plus de cinq ans")


class StepTaken(models.TextChoices):
    NOTHING = "rien", _("Rien pour l'instant")
    COMPLAINT = "plainte", _("Une plainte à la police, à la gendarmerie ou au procureur")
    LOG = "main_courante", _("Une main courante")
    EMPLOYER = "employeur", _("J'en ai parlé à l'employeur, à la direction ou aux ressources humaines")
    UNION = "syndicat", _("J'en ai parlé à un syndicat ou aux représentants du personnel")
    ORGANISATION = "association", _("J'ai contacté une association")
    DEFENDER = "defenseur", _("J'ai contacté le Défenseur des droits")
    LAWYER = "avocat", _("J'ai consulté un avocat ou un juriste")
    INSPECTION = "inspection", _("J'ai contacté l'inspection du travail ou une autre administration")
    OTHER = "autre", _("Autre chose")


class Case(models.Model):
    reference = models.CharField(_("référence"), max_length=12, unique=True, default=reference_generate)
    channel = models.CharField(_("canal"), max_length=10, choices=Channel.choices)
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True)

    reporter_role = models.ForeignKey(
        "taxonomy.ReporterRole", on_delete=models.PROTECT, verbose_name=_("qualité de la personne")
    )
    narrative = EncryptedTextField(_("récit"))
    details = EncryptedJSONField(_("précisions"), default=dict, blank=True)

    postal_code = models.CharField(_("code postal"), max_length=5, blank=True)
    commune = models.ForeignKey(
        "geo.Commune", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("commune")
    )
    online = models.BooleanField(_("en ligne"), default=False)
    team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="cases", verbose_name=_("équipe")
    )

    occurred_on = models.DateField(_("date des faits"), null=True, blank=True)
    occurred_period = models.CharField(_("période des faits"), max_length=10, choices=Period.choices, blank=True)

    plain_grounds = models.ManyToManyField(
        "taxonomy.PlainGround", blank=True, related_name="+", verbose_name=_("motifs selon la personne")
    )
    reported_criteria = models.ManyToManyField(
        "taxonomy.Criterion", blank=True, related_name="+", verbose_name=_("critères correspondants")
    )
    grounds_unknown = models.BooleanField(_("motif inconnu de la personne"), default=False)
    domain = models.ForeignKey(
        "taxonomy.Domain", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("domaine")
    )
    steps_taken = models.JSONField(_("démarches déjà faites"), default=list, blank=True)

    contact = EncryptedJSONField(_("contact"), default=dict, blank=True)
    has_contact = models.BooleanField(_("a laissé un contact"), default=False)
    notify_by_email = models.BooleanField(_("accepte d'être prévenu·e par courriel"), default=False)
    consent_at = models.DateTimeField(_("consentement donné le"))

    receipt_hash = models.CharField(max_length=64, unique=True)

    created_at = models.DateTimeField(_("reçu le"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    person_last_seen_at = models.DateTimeField(null=True, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="assigned_cases",
        verbose_name=_("attribué à"),
    )
    status_changed_at = models.DateTimeField(_("statut changé le"), null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("statut changé par"),
    )

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~(models.Q(occurred_on__isnull=False) & ~models.Q(occurred_period="")),
                name="case_date_or_period_not_both",
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class MessageAuthor(models.TextChoices):
    PERSON = "person", _("la personne")
    ADVISER = "adviser", _("conseiller·ère")
    SYSTEM = "system", _("système")


class Message(models.Model):
    """A message on the follow-up thread, from the person or to the person."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="messages")
    author = models.CharField(max_length=10, choices=MessageAuthor.choices)
    author_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    body = EncryptedTextField(_("message"))
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]


class Attachment(models.Model):
    """A file given by the person (PDF or image), encrypted at rest.

    While a report is being written the file belongs to no case yet
    (`case` is null); drafts keep the ids of their files.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments", null=True, blank=True)
    message = models.ForeignKey(Message, on_delete=models.SET_NULL, null=True, blank=True, related_name="attachments")
    filename = EncryptedTextField(_("nom du fichier"))
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    data = EncryptedBinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class Note(models.Model):
    """An internal note of the advisers on a case: never shown to the person."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    body = EncryptedTextField(_("note"))
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("note interne")
        verbose_name_plural = _("notes internes")
        ordering = ["created_at", "id"]
