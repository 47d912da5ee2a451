"""Respondents (who a case is about), collective files and testing campaigns.

A respondent is an organisation (a company, an administration, a landlord company...) or a
private individual. An organisation's name is kept in clear, normalised for the search
(`names.name_normalise`), and may outlive the cases that named it; an individual's name is
personal data: encrypted, never normalised in clear, shown only with a case that names them,
and purged with the last of those cases (receivers.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from recours.core.fields import EncryptedBinaryField, EncryptedTextField


class Nature(models.TextChoices):
    ORGANISATION = "organisation", _("organisation (entreprise, administration, association...)")
    INDIVIDUAL = "individual", _("personne physique (particulier)")


class RespondentKind(models.TextChoices):
    EMPLOYER = "employer", _("employeur")
    LANDLORD = "landlord", _("bailleur ou agence immobilière")
    PUBLIC_SERVICE = "public_service", _("administration ou service public")
    BUSINESS = "business", _("commerce ou entreprise")
    SCHOOL = "school", _("établissement d'enseignement ou de formation")
    HEALTH = "health", _("santé")
    POLICE = "police", _("police ou gendarmerie")
    OTHER = "other", _("autre")


class Respondent(models.Model):
    nature = models.CharField(_("nature"), max_length=12, choices=Nature.choices)
    kind = models.CharField(_("type"), max_length=20, choices=RespondentKind.choices)
    # An organisation's name, in clear and normalised; empty for an individual.
    name = models.CharField(_("nom"), max_length=200, blank=True)
    name_normalised = models.CharField(max_length=200, blank=True, editable=False)
    # An individual's name: encrypted, null for an organisation (an encrypted "" is not "").
    private_name = EncryptedTextField(_("nom de la personne"), null=True, blank=True)
    commune = models.ForeignKey(
        "geo.Commune", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("commune")
    )
    siret = models.CharField(_("SIREN ou SIRET"), max_length=14, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # When a case last named it: an organisation named by no case, file or campaign goes
    # RECOURS_RESPONDENT_RETENTION_MONTHS after (services.respondents_expire).
    last_linked_at = models.DateTimeField(null=True, blank=True, editable=False)
    cases = models.ManyToManyField("casework.Case", through="CaseRespondent", related_name="+")

    class Meta:
        verbose_name = _("mis en cause")
        verbose_name_plural = _("mis en cause")
        ordering = ["name_normalised", "pk"]
        indexes = [
            models.Index(fields=["name_normalised"], name="collective_resp_normalised"),
            # The individuals a user may see are few: found without reading the organisations.
            models.Index(fields=["nature"], condition=Q(nature="individual"), name="collective_resp_individuals"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(nature="organisation", private_name__isnull=True)
                | Q(nature="individual", private_name__isnull=False, name="", name_normalised="", siret=""),
                name="collective_respondent_clear_name_for_organisations_only",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def is_individual(self) -> bool:
        return self.nature == Nature.INDIVIDUAL

    @property
    def display_name(self) -> str:
        return (self.private_name or "") if self.is_individual else self.name


class CaseRespondent(models.Model):
    """A case names a respondent (linked by an adviser from what the person wrote)."""

    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="+")
    respondent = models.ForeignKey(Respondent, on_delete=models.CASCADE, related_name="links")
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["respondent", "case"], name="collective_case_respondent_once")]
        indexes = [models.Index(fields=["case"], name="collective_link_case")]


class FileStatus(models.TextChoices):
    OPEN = "open", _("en cours")
    CLOSED = "closed", _("clos")


class CollectiveFile(models.Model):
    """Cases of one team grouped for collective treatment: a respondent, or a practice."""

    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="+", verbose_name=_("équipe"))
    title = models.CharField(_("intitulé"), max_length=200)
    practice = EncryptedTextField(_("pratique en cause"), blank=True, default="")
    status = models.CharField(_("état"), max_length=10, choices=FileStatus.choices, default=FileStatus.OPEN)
    cases = models.ManyToManyField("casework.Case", through="CollectiveFileCase", related_name="+")
    respondents = models.ManyToManyField(Respondent, blank=True, related_name="collective_files")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dossier collectif")
        verbose_name_plural = _("dossiers collectifs")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class CollectiveFileCase(models.Model):
    file = models.ForeignKey(CollectiveFile, on_delete=models.CASCADE, related_name="case_links")
    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["file", "case"], name="collective_file_case_once")]


class ActionKind(models.TextChoices):
    ANALYSIS = "analysis", _("analyse")
    LETTER = "letter", _("courrier au mis en cause")
    MEDIATION = "mediation", _("médiation avec le mis en cause")
    REFERRAL = "referral", _("saisine systémique du Défenseur des droits")
    TESTING = "testing", _("campagne de tests de situation")
    TRAINING = "training", _("formation ou sensibilisation")


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("prévue")
    DONE = "done", _("faite")


class CollectiveAction(models.Model):
    """One entry of a collective file's timeline."""

    file = models.ForeignKey(CollectiveFile, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(_("type"), max_length=12, choices=ActionKind.choices)
    title = models.CharField(_("intitulé"), max_length=200)
    body = EncryptedTextField(_("contenu"), blank=True, default="")
    on_date = models.DateField(_("date"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("responsable"),
    )
    status = models.CharField(_("état"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.PLANNED)
    outcome = EncryptedTextField(_("résultat"), blank=True, default="")
    campaign = models.ForeignKey(
        "Campaign", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("campagne")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on_date", "pk"]


class ActionDocument(models.Model):
    """A document attached to an action on purpose (a letter sent, minutes of a mediation)."""

    action = models.ForeignKey(CollectiveAction, on_delete=models.CASCADE, related_name="documents")
    filename = EncryptedTextField(_("nom du fichier"))
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    data = EncryptedBinaryField()
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)


class Campaign(models.Model):
    """A testing campaign (tests de situation): paired profiles that differ by one criterion."""

    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="+", verbose_name=_("équipe"))
    file = models.ForeignKey(
        CollectiveFile, on_delete=models.SET_NULL, null=True, blank=True, related_name="campaigns",
        verbose_name=_("dossier collectif"),
    )
    title = models.CharField(_("intitulé"), max_length=200)
    target = models.CharField(_("cible"), max_length=300, help_text=_("Par exemple : les agences immobilières de Nantes."))
    criterion = models.ForeignKey(
        "taxonomy.Criterion", on_delete=models.PROTECT, related_name="+", verbose_name=_("critère testé")
    )
    profile_a = models.CharField(_("profil de référence"), max_length=200)
    profile_b = models.CharField(_("profil testé"), max_length=200)
    protocol = models.TextField(_("protocole"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("campagne de tests")
        verbose_name_plural = _("campagnes de tests")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class CampaignTest(models.Model):
    """One paired test: how each profile was treated by the same respondent."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="tests")
    respondent = models.ForeignKey(
        Respondent, on_delete=models.PROTECT, null=True, blank=True, related_name="tests",
        limit_choices_to={"nature": Nature.ORGANISATION}, verbose_name=_("mis en cause testé"),
    )
    tested_on = models.DateField(_("date du test"))
    a_favourable = models.BooleanField(_("réponse favorable au profil de référence"))
    b_favourable = models.BooleanField(_("réponse favorable au profil testé"))
    note = models.CharField(_("remarque"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["tested_on", "pk"]
