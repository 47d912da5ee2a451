"""French geography reference data: régions, départements, communes, postal codes.

The rows come from the versioned data file recours/geo/data/geo.json.gz (see
docs/geo.md) through `recours.geo.services.geo_load`; nobody edits them by hand.
Other apps reference `Commune` (and `Departement`, `Region`) by foreign key and store a
postal code as a plain string: `PostalCode` rows are rewritten on each data update.
"""

import re
import unicodedata

from django.db import models
from django.utils.translation import gettext_lazy as _

_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")


def normalise_for_search(text: str) -> str:
    """Lower case, accents and ligatures removed, punctuation as single spaces.

    "L'Haÿ-les-Roses" -> "l hay les roses", "Œuilly" -> "oeuilly". Names are stored this
    way in `Commune.search_name` and queries go through the same function, so a prefix
    match is a plain LIKE 'abc%' that behaves the same on SQLite and PostgreSQL.
    """
    text = unicodedata.normalize("NFKD", (text or "").casefold().replace("œ", "oe").replace("æ", "ae"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_NOT_ALPHANUMERIC.sub(" ", text).split())


class Region(models.Model):
    code = models.CharField(_("code"), max_length=3, primary_key=True)
    name = models.CharField(_("nom"), max_length=100)
    active = models.BooleanField(
        _("en vigueur"), default=True,
        help_text=_("Faux si la région a disparu du code officiel géographique mais reste référencée."),
    )

    class Meta:
        verbose_name = _("région")
        verbose_name_plural = _("régions")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Departement(models.Model):
    code = models.CharField(_("code"), max_length=3, primary_key=True)
    name = models.CharField(_("nom"), max_length=100)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="departements", verbose_name=_("région")
    )
    active = models.BooleanField(
        _("en vigueur"), default=True,
        help_text=_("Faux si le département a disparu du code officiel géographique mais reste référencé."),
    )

    class Meta:
        verbose_name = _("département")
        verbose_name_plural = _("départements")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Commune(models.Model):
    insee_code = models.CharField(_("code INSEE"), max_length=5, primary_key=True)
    name = models.CharField(_("nom"), max_length=100)
    search_name = models.CharField(_("nom normalisé pour la recherche"), max_length=100, db_index=True)
    departement = models.ForeignKey(
        Departement, on_delete=models.PROTECT, related_name="communes", verbose_name=_("département")
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="communes", verbose_name=_("région"))
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    active = models.BooleanField(
        _("en vigueur"), default=True,
        help_text=_("Faux si la commune a disparu du code officiel géographique mais reste référencée."),
    )

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")

    def __str__(self) -> str:
        return f"{self.name} ({self.departement_id})"


class PostalCode(models.Model):
    code = models.CharField(_("code postal"), max_length=5, db_index=True)
    commune = models.ForeignKey(
        Commune, on_delete=models.CASCADE, related_name="postal_codes", verbose_name=_("commune")
    )

    class Meta:
        verbose_name = _("code postal")
        verbose_name_plural = _("codes postaux")
        constraints = [models.UniqueConstraint(fields=["code", "commune"], name="geo_postalcode_unique_code_commune")]

    def __str__(self) -> str:
        return f"{self.code} {self.commune_id}"
