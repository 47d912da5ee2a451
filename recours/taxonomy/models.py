"""Reference taxonomies: versioned data (data/taxonomy.json), loaded by `load_taxonomy`.

Codes are stable and used in data and in the API. Entries are never deleted:
an entry that leaves the data file is marked inactive so old cases keep it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TaxonomyEntry(models.Model):
    code = models.CharField(_("code"), max_length=50, primary_key=True)
    label = models.CharField(_("libellé"), max_length=250)
    position = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        abstract = True
        ordering = ["position"]

    def __str__(self) -> str:
        return self.label


class Criterion(TaxonomyEntry):
    """A legal ground of discrimination (Code pénal art. 225-1, loi 2008-496)."""

    legal_source = models.CharField(_("source légale"), max_length=250)
    is_penal = models.BooleanField(_("critère pénal"), default=True)

    class Meta(TaxonomyEntry.Meta):
        verbose_name = _("critère")
        verbose_name_plural = _("critères")


class PlainGround(TaxonomyEntry):
    """A ground in the words a person uses, mapped to one or more legal criteria.

    We record the *alleged* ground, never the person's actual attribute.
    """

    hint = models.CharField(_("aide"), max_length=250, blank=True)
    criteria = models.ManyToManyField(Criterion, related_name="plain_grounds")

    class Meta(TaxonomyEntry.Meta):
        verbose_name = _("motif en mots simples")
        verbose_name_plural = _("motifs en mots simples")


class RelatedSituation(TaxonomyEntry):
    class Meta(TaxonomyEntry.Meta):
        verbose_name = _("situation connexe")
        verbose_name_plural = _("situations connexes")


class Domain(TaxonomyEntry):
    plain_label = models.CharField(_("libellé en mots simples"), max_length=250)
    hint = models.CharField(_("aide"), max_length=250, blank=True)

    class Meta(TaxonomyEntry.Meta):
        verbose_name = _("domaine")
        verbose_name_plural = _("domaines")


class SituationType(TaxonomyEntry):
    class Meta(TaxonomyEntry.Meta):
        verbose_name = _("type de situation")
        verbose_name_plural = _("types de situation")


class ReporterRole(TaxonomyEntry):
    plain_label = models.CharField(_("libellé en mots simples"), max_length=250)
    hint = models.CharField(_("aide"), max_length=250, blank=True)

    class Meta(TaxonomyEntry.Meta):
        verbose_name = _("qualité de la personne qui signale")
        verbose_name_plural = _("qualités de la personne qui signale")
