"""The orientation step of a case: a person pointed to a service of the directory and, with her
consent, handed over to it (see casework/orientation.py).

The table keeps its first name, `directory_orientation`: the model moved from the directory to
casework (issue 17.1) by state-only migrations, without touching the rows.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from recours.core.fields import EncryptedJSONField, EncryptedTextField


class OrientationStatus(models.TextChoices):
    SENT = "sent", _("envoyée à la structure")
    ACKNOWLEDGED = "acknowledged", _("reçue par la structure")
    ACCEPTED = "accepted", _("acceptée par la structure")
    DECLINED = "declined", _("déclinée par la structure")
    GIVEN = "given", _("contact donné à la personne")
    PROPOSED = "proposed", _("transmission proposée, en attente de l'accord de la personne")
    REFUSED = "refused", _("transmission refusée par la personne")
    HELPED = "helped", _("aide apportée par la structure")


class ConsentHow(models.TextChoices):
    """How the person agreed to a hand-over."""

    PERSON = "person", _("accord donné par la personne sur sa page de suivi")
    ORAL = "oral", _("consentement recueilli oralement")


class Orientation(models.Model):
    """A person oriented to a service from a case.

    With the person's consent, the service is sent what the person agreed to share and
    answers through a signed, expiring link; without a hand-over, the contact is only given
    to the person. Either way the person sees it on the follow-up page. A person who reads
    her follow-up page gives that consent there herself (PROPOSED, then SENT or REFUSED);
    on the phone the adviser records it as oral consent (`consent_how`).
    """

    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="orientations")
    service = models.ForeignKey("directory.Service", on_delete=models.PROTECT, related_name="orientations")
    status = models.CharField(_("état"), max_length=20, choices=OrientationStatus.choices)
    handed_over = models.BooleanField(_("transmise à la structure"), default=False)
    consent_at = models.DateTimeField(_("accord de la personne le"), null=True, blank=True)
    consent_how = models.CharField(_("accord donné"), max_length=10, choices=ConsentHow.choices, blank=True)
    refused_at = models.DateTimeField(_("transmission refusée le"), null=True, blank=True)
    shared = models.JSONField(_("informations transmises"), default=list, blank=True)
    # What the partner reads through its link: a copy made at hand-over of what the person
    # agreed to share, so a later edit of the case never widens it.
    handover = EncryptedJSONField(_("contenu transmis"), default=dict, blank=True)
    message = EncryptedTextField(_("message à la structure"), blank=True, default="")
    partner_comment = EncryptedTextField(_("réponse de la structure"), blank=True, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("lien valable jusqu'au"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("reçue le"), null=True, blank=True)
    answered_at = models.DateTimeField(_("réponse le"), null=True, blank=True)
    helped_at = models.DateTimeField(_("aide apportée le"), null=True, blank=True)
    # The last reminder sent to the structure about this hand-over (casework/jobs.py).
    reminded_at = models.DateTimeField(_("relance envoyée le"), null=True, blank=True)

    # An orientation shows as a service card (components/service_card.html) on the follow-up
    # page: no distance and no search reasons there.
    distance_km = None
    reasons = ()

    class Meta:
        verbose_name = _("orientation")
        verbose_name_plural = _("orientations")
        db_table = "directory_orientation"
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(handed_over=False) | models.Q(consent_at__isnull=False),
                name="orientation_handover_needs_consent",
            ),
        ]
