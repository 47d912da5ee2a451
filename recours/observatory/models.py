"""Anonymised records, the rollups kept from them, and the review of scrubbed excerpts.

An `AnonymisedRecord` has no foreign key to the case: it must outlive the case's purge.
While the case exists, `RecordSource` (one row, deleted with the case) says which record
it made, so the record can be completed at closure; the purge removes that link and
nothing can lead from the record back to the case any more.
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


NATIONAL = "*"  # the rollups' "all territories" row
UNKNOWN_TERRITORY = "ZZ"  # online situations and cases without a commune
CELL_KEY_RANGE = 256  # record keys are 0..255; a published cell's key is the sum of its records' keys mod 256


def new_cell_key() -> int:
    """A record's secret cell key, drawn once at its creation (disclosure.py: cell-key perturbation)."""
    return secrets.randbelow(CELL_KEY_RANGE)


class AgeBand(models.TextChoices):
    UNDER_18 = "0-17", _("moins de 18 ans")
    FROM_18 = "18-24", _("18 à 24 ans")
    FROM_25 = "25-34", _("25 à 34 ans")
    FROM_35 = "35-49", _("35 à 49 ans")
    FROM_50 = "50-64", _("50 à 64 ans")
    FROM_65 = "65+", _("65 ans et plus")


class Stage(models.TextChoices):
    QUALIFIED = "qualified", _("qualifié")
    CLOSED = "closed", _("clos")


class AnonymisedRecord(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    stage = models.CharField(_("étape"), max_length=10, choices=Stage.choices)
    month = models.DateField(_("mois de réception"))  # always the first day of the month
    closed_month = models.DateField(_("mois de clôture"), null=True, blank=True)
    departement = models.CharField(_("département"), max_length=3)
    region = models.CharField(_("région"), max_length=3)
    age_band = models.CharField(_("tranche d'âge"), max_length=5, choices=AgeBand.choices, blank=True)
    criteria = models.JSONField(_("critères"), default=list, blank=True)
    related_situations = models.JSONField(_("situations connexes"), default=list, blank=True)
    domain = models.CharField(_("domaine"), max_length=50, blank=True)
    situation_type = models.CharField(_("type de situation"), max_length=50, blank=True)
    reporter_role = models.CharField(_("qualité de la personne"), max_length=50, blank=True)
    channel = models.CharField(_("canal"), max_length=10)
    respondent_kind = models.CharField(_("mis en cause"), max_length=30, blank=True)
    outcome = models.CharField(_("suite donnée"), max_length=30, blank=True)
    days_to_first_answer = models.PositiveIntegerField(_("jours avant la première réponse"), null=True, blank=True)
    days_to_closure = models.PositiveIntegerField(_("jours avant la clôture"), null=True, blank=True)
    excerpt = models.TextField(_("extrait anonymisé et relu"), blank=True)
    # Random and secret: it decides the noise of every published count the record is part of.
    # Never exported, never shown (knowing the keys would let one remove the noise).
    cell_key = models.PositiveSmallIntegerField(default=new_cell_key, editable=False)

    class Meta:
        verbose_name = _("fiche anonymisée")
        verbose_name_plural = _("fiches anonymisées")
        indexes = [models.Index(fields=["month"]), models.Index(fields=["departement", "month"])]


class RecordSource(models.Model):
    """Which record a case made: deleted with the case, after which the record is orphaned for good."""

    case = models.OneToOneField("casework.Case", on_delete=models.CASCADE, related_name="observatory_source")
    record = models.OneToOneField(AnonymisedRecord, on_delete=models.CASCADE, related_name="+")


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("à relire")
    APPROVED = "approved", _("validé")
    REJECTED = "rejected", _("écarté")


class ExcerptReview(models.Model):
    """The scrubbed narrative an adviser reviews (and may correct) before it joins the record.

    The scrubbed text is proposed afresh each time the review is opened
    (`selectors.excerpt_proposal`), never stored: what the scrubber may have missed stays
    nowhere but in the case. Only the approved text is copied to the record. The review
    belongs to the case: it goes with the case's purge.
    """

    case = models.OneToOneField("casework.Case", on_delete=models.CASCADE, related_name="excerpt_review")
    record = models.ForeignKey(AnonymisedRecord, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("état"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.PENDING)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("relecture d'extrait")
        verbose_name_plural = _("relectures d'extraits")


class RollupCases(models.Model):
    """Records counted by month x département x channel x domain, with the sums the delays need.

    `departement` is NATIONAL ("*") for the all-territories rows, kept beside the others so
    that national dashboards read a few thousand rows, not one per département.
    Updated when a record is inserted or changed (services.rollup_apply), never rebuilt
    for a dashboard.
    """

    month = models.DateField()
    departement = models.CharField(max_length=3)
    region = models.CharField(max_length=3)
    channel = models.CharField(max_length=10)
    domain = models.CharField(max_length=50)
    n = models.BigIntegerField(default=0)
    answered_n = models.BigIntegerField(default=0)
    answer_days_sum = models.BigIntegerField(default=0)
    answered_2d_n = models.BigIntegerField(default=0)
    closed_n = models.BigIntegerField(default=0)
    closure_days_sum = models.BigIntegerField(default=0)
    key_sum = models.BigIntegerField(default=0)  # sum of the records' cell keys
    answered_key_sum = models.BigIntegerField(default=0)  # the same for the answered records only

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["departement", "month", "channel", "domain"], name="observatory_rollupcases_key")
        ]
        indexes = [models.Index(fields=["region", "month"], name="observatory_rollupcases_reg")]


class RollupOutcomes(models.Model):
    """Closed records by month x département x channel x domain x outcome (NATIONAL rows as above)."""

    month = models.DateField()
    departement = models.CharField(max_length=3)
    region = models.CharField(max_length=3)
    channel = models.CharField(max_length=10)
    domain = models.CharField(max_length=50)
    outcome = models.CharField(max_length=30)
    n = models.BigIntegerField(default=0)
    key_sum = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["departement", "month", "channel", "domain", "outcome"], name="observatory_rollupoutc_key"
            )
        ]
        indexes = [models.Index(fields=["region", "month"], name="observatory_rollupoutc_reg")]


class RollupCriteria(models.Model):
    """Criterion mentions (a record with two criteria counts once under each) by month x
    département x channel x criterion x domain; NATIONAL rows as in RollupCases."""

    month = models.DateField()
    departement = models.CharField(max_length=3)
    region = models.CharField(max_length=3)
    channel = models.CharField(max_length=10)
    criterion = models.CharField(max_length=50)
    domain = models.CharField(max_length=50)
    n = models.BigIntegerField(default=0)
    key_sum = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["departement", "month", "channel", "criterion", "domain"], name="observatory_rollupcrit_key"
            )
        ]
        indexes = [models.Index(fields=["region", "month"], name="observatory_rollupcrit_reg")]
