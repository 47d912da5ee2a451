"""Know your rights: one public page per situation (a ground in plain words x a domain).

The content is data, not templates: structured entries written once, with their legal
sources and the date of their last legal review, loaded from `data/rights.json` and then
kept by the coordinators of the national team in the console. Every save makes a new
version; the versions before stay (RightsPageVersion), so a page can be read as it was.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The parts of a page a coordinator edits, in the order the page shows them; each is kept in
# every version.
CONTENT_FIELDS = (
    "title", "summary", "law", "is_discrimination", "not_discrimination", "what_to_do",
    "deadlines", "evidence", "sources", "answer_keys", "reviewed_on", "published",
)


class RightsPage(models.Model):
    slug = models.SlugField(_("adresse"), max_length=100, unique=True)
    ground = models.ForeignKey(
        "taxonomy.PlainGround", on_delete=models.PROTECT, related_name="+", verbose_name=_("motif")
    )
    domain = models.ForeignKey("taxonomy.Domain", on_delete=models.PROTECT, related_name="+", verbose_name=_("domaine"))
    title = models.CharField(
        _("titre"), max_length=200, help_text=_("La situation dans les mots de la personne : « On m'a refusé… »")
    )
    summary = models.TextField(_("en bref"))
    law = models.TextField(_("ce que dit la loi"))
    is_discrimination = models.TextField(_("est-ce une discrimination ?"))
    not_discrimination = models.TextField(_("ce qui n'en est pas une"), blank=True)
    what_to_do = models.TextField(_("que faire maintenant"))
    deadlines = models.TextField(_("délais"))
    evidence = models.TextField(_("preuves"))
    # [{"label": "Code pénal, article 225-1", "url": "https://www.legifrance.gouv.fr/..."}]
    sources = models.JSONField(_("sources légales"), default=list)
    # Keys of the advisers' answer library (casework.AnswerTemplate.key) that say the same
    # thing to one person: linked from the console, never copied here.
    answer_keys = models.JSONField(_("réponses types liées"), default=list, blank=True)
    reviewed_on = models.DateField(_("dernière relecture juridique"))
    published = models.BooleanField(_("publiée"), default=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    search_text = models.TextField(editable=False, default="")  # lower case, no accents (services)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("page « Connaître mes droits »")
        verbose_name_plural = _("pages « Connaître mes droits »")
        ordering = ["ground__position", "domain__position", "title"]

    def __str__(self) -> str:
        return self.title


class RightsPageVersion(models.Model):
    """A page as it was saved: every version is kept."""

    page = models.ForeignKey(RightsPage, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField(_("version"))
    content = models.JSONField(_("contenu"))
    note = models.CharField(_("ce qui a changé"), max_length=300, blank=True)
    saved_at = models.DateTimeField(_("enregistrée le"), auto_now_add=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["page", "version"], name="rights_version_unique")]
