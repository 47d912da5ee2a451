"""Live chat: conversations, their messages (encrypted), advisers' presence, teams' hours.

The database is the truth: the waiting list, who holds which conversation, every message.
The channel layer only wakes consumers up (it delivers at most once).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from recours.core.fields import EncryptedTextField


class ConversationStatus(models.TextChoices):
    WAITING = "waiting", _("en attente")
    ACTIVE = "active", _("en cours")
    ENDED = "ended", _("terminée")


class Conversation(models.Model):
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="conversations",
                             verbose_name=_("équipe"))
    adviser = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="conversations", verbose_name=_("conseiller·ère"))
    status = models.CharField(_("statut"), max_length=10, choices=ConversationStatus.choices,
                              default=ConversationStatus.WAITING, db_index=True)
    # SHA-256 of the visitor's random token (the token stays in their browser only).
    visitor_token_hash = models.CharField(max_length=64, unique=True)
    postal_code = models.CharField(_("code postal"), max_length=5, blank=True)
    commune = models.ForeignKey("geo.Commune", on_delete=models.PROTECT, null=True, blank=True)
    plain_ground = models.ForeignKey("taxonomy.PlainGround", on_delete=models.PROTECT, null=True, blank=True)
    domain = models.ForeignKey("taxonomy.Domain", on_delete=models.PROTECT, null=True, blank=True)
    last_seq = models.PositiveIntegerField(default=0)  # the id of the last message, per conversation
    # Since when it waits in its current queue (reset by a transfer to a team).
    waiting_since = models.DateTimeField(db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Last sign of the visitor's page (start, resume, message, typing, sync; at most once a
    # minute): a waiting or active chat without one for RECOURS_CHAT_STALE_MINUTES is ended.
    visitor_seen_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    case = models.OneToOneField("casework.Case", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="chat")
    # The language of the chat page the visitor used (the address's prefix: core/i18n.py).
    language = models.CharField(_("langue choisie"), max_length=8, default="fr", blank=True)
    # The case's receipt, kept encrypted only until the visitor's page has received it.
    receipt_pending = EncryptedTextField(blank=True, default="")

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        ordering = ["waiting_since"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="active") | models.Q(adviser__isnull=False),
                name="chat_active_conversation_has_adviser",
            ),
        ]


class Author(models.TextChoices):
    VISITOR = "visitor", _("personne")
    ADVISER = "adviser", _("conseiller·ère")
    SYSTEM = "system", _("information")


class ChatMessage(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    seq = models.PositiveIntegerField()  # 1, 2, 3... within the conversation
    author = models.CharField(max_length=10, choices=Author.choices)
    author_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    # The sender's id for the message: a resent message is stored once.
    client_id = models.CharField(max_length=64)
    body = EncryptedTextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["conversation", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["conversation", "seq"], name="chat_message_unique_seq"),
            models.UniqueConstraint(fields=["conversation", "author", "client_id"], name="chat_message_unique_client_id"),
        ]


class ChatNote(models.Model):
    """An internal note on a conversation: advisers only, copied to the case's notes at the end."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    body = EncryptedTextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]


class Presence(models.Model):
    """An adviser's last heartbeat from an open chat console page."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="chat_presence")
    last_seen_at = models.DateTimeField(db_index=True)


class AvailabilityStatus(models.TextChoices):
    """What an adviser says of themselves in the console's identity bar."""

    AVAILABLE = "available", _("disponible")
    BUSY = "busy", _("occupé·e")
    AWAY = "away", _("absent·e")


class Availability(models.Model):
    """The adviser's own status: only an available adviser counts as present for the chat.

    Kept apart from `Presence` (a heartbeat row, deleted when the console page closes) so the
    choice survives page changes; no row means available.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="chat_availability")
    status = models.CharField(
        _("disponibilité"), max_length=10, choices=AvailabilityStatus.choices, default=AvailabilityStatus.AVAILABLE
    )
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("disponibilité")
        verbose_name_plural = _("disponibilités")


class Weekday(models.IntegerChoices):
    MONDAY = 1, _("lundi")
    TUESDAY = 2, _("mardi")
    WEDNESDAY = 3, _("mercredi")
    THURSDAY = 4, _("jeudi")
    FRIDAY = 5, _("vendredi")
    SATURDAY = 6, _("samedi")
    SUNDAY = 7, _("dimanche")


class OpeningHours(models.Model):
    """One opening slot of a team's chat (Europe/Paris). A team without any uses RECOURS_CHAT_HOURS."""

    team = models.ForeignKey("accounts.Team", on_delete=models.CASCADE, related_name="chat_hours")
    weekday = models.PositiveSmallIntegerField(_("jour"), choices=Weekday.choices)
    opens_at = models.TimeField(_("ouverture"))
    closes_at = models.TimeField(_("fermeture"))

    class Meta:
        verbose_name = _("horaire du tchat")
        verbose_name_plural = _("horaires du tchat")
        ordering = ["team", "weekday", "opens_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(opens_at__lt=models.F("closes_at")), name="chat_hours_opens_before_closes"),
        ]
