"""What the console keeps for an adviser: her saved filters of the queue."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SavedFilter(models.Model):
    """A named set of the queue's query parameters (tab and filters), seen by its owner only.

    `query` is a query string the queue reads (`vue=moi&channel=form`), cleaned by
    `console.filters.queue_query` before it is stored: only the queue's own parameters, never a page number.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_filters", verbose_name=_("propriétaire")
    )
    name = models.CharField(_("nom"), max_length=80)
    query = models.CharField(_("paramètres de la file"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("filtre enregistré")
        verbose_name_plural = _("filtres enregistrés")
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="console_savedfilter_owner_name")]

    def __str__(self) -> str:
        return self.name
