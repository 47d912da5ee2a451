"""The local plan report: the coordinator's introduction per team and year, the priority
neighbourhoods (QPV) imported by the operator, and the QPV a case happened in or concerns."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Qpv(models.Model):
    """A priority neighbourhood (quartier prioritaire de la politique de la ville)."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("nom"), max_length=200)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("quartier prioritaire")

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class CaseQpv(models.Model):
    """A case happened in or concerns this QPV (set by an adviser from the case panel).
    Kept here so that casework is not changed; goes with the case."""

    case = models.OneToOneField("casework.Case", on_delete=models.CASCADE, related_name="+")
    qpv = models.ForeignKey(Qpv, on_delete=models.PROTECT, related_name="case_links")
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    set_at = models.DateTimeField(auto_now=True)


class LocalPlanReport(models.Model):
    """A team's report for a calendar year: the free introduction, and whether it is public."""

    team = models.ForeignKey("accounts.Team", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("année"))
    introduction = models.TextField(_("introduction"), blank=True)
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["team", "year"], name="localplan_one_report_per_team_year")]
