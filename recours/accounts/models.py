"""Staff, teams and their territories.

Staff are Django's own users. A user belongs to one or more teams through
`Membership`, with a role in each. A team covers a territory: the whole country
(the national team, exactly one), a région, a département, or a list of communes
(a city's team). Cases are routed to teams (routing.py) and a user sees the cases
of their teams (casework.selectors.cases_visible_to).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class TeamKind(models.TextChoices):
    NATIONAL = "national", _("nationale")
    REGION = "region", _("régionale")
    DEPARTEMENT = "departement", _("départementale")
    COMMUNES = "communes", _("communale (liste de communes)")


class Role(models.TextChoices):
    ADVISER = "adviser", _("conseiller·ère ou écoutant·e")
    COORDINATOR = "coordinator", _("coordinateur·rice")
    ADMINISTRATOR = "administrator", _("administrateur·rice")


# The territory columns each kind must fill (and leave empty). Communes of a
# "communes" team are a many-to-many relation: the database cannot check them,
# the service and the admin form do (services.team_create, admin.TeamForm).
_TERRITORY_MATCHES_KIND = (
    Q(kind=TeamKind.NATIONAL, is_national=True, region__isnull=True, departement__isnull=True)
    | Q(kind=TeamKind.REGION, is_national=False, region__isnull=False, departement__isnull=True)
    | Q(kind=TeamKind.DEPARTEMENT, is_national=False, region__isnull=True, departement__isnull=False)
    | Q(kind=TeamKind.COMMUNES, is_national=False, region__isnull=True, departement__isnull=True)
)


class Team(models.Model):
    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant"), max_length=60, unique=True)
    kind = models.CharField(_("territoire"), max_length=12, choices=TeamKind.choices)
    region = models.ForeignKey(
        "geo.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="teams", verbose_name=_("région")
    )
    departement = models.ForeignKey(
        "geo.Departement", on_delete=models.PROTECT, null=True, blank=True, related_name="teams",
        verbose_name=_("département"),
    )
    communes = models.ManyToManyField("geo.Commune", blank=True, related_name="teams", verbose_name=_("communes"))
    # Derived from `kind` (see clean/save); a column of its own so that the database
    # can hold "at most one national team" with a partial unique index.
    is_national = models.BooleanField(_("équipe nationale"), default=False, editable=False)
    active = models.BooleanField(
        _("active"), default=True,
        help_text=_("Une équipe inactive ne reçoit plus de dossiers et ses membres ne voient plus les siens."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("équipe")
        verbose_name_plural = _("équipes")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=_TERRITORY_MATCHES_KIND, name="accounts_team_territory_matches_kind"),
            models.UniqueConstraint(
                fields=["is_national"], condition=Q(is_national=True), name="accounts_team_one_national"
            ),
            # The national team is where every case without a local team goes: it cannot be switched off.
            models.CheckConstraint(condition=Q(is_national=False) | Q(active=True), name="accounts_team_national_active"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.is_national = self.kind == TeamKind.NATIONAL
        errors = {}
        if self.kind == TeamKind.REGION and not self.region_id:
            errors["region"] = _("Choisissez la région de l'équipe.")
        if self.kind == TeamKind.DEPARTEMENT and not self.departement_id:
            errors["departement"] = _("Choisissez le département de l'équipe.")
        if self.kind != TeamKind.REGION and self.region_id:
            errors["region"] = _("Une région ne s'indique que pour une équipe régionale.")
        if self.kind != TeamKind.DEPARTEMENT and self.departement_id:
            errors["departement"] = _("Un département ne s'indique que pour une équipe départementale.")
        if self.is_national and not self.active:
            errors["active"] = _("L'équipe nationale reçoit les dossiers sans équipe locale : elle reste active.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.is_national = self.kind == TeamKind.NATIONAL
        super().save(*args, **kwargs)


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("personne")
    )
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("équipe"))
    role = models.CharField(_("rôle"), max_length=15, choices=Role.choices, default=Role.ADVISER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("appartenance à une équipe")
        verbose_name_plural = _("appartenances aux équipes")
        constraints = [models.UniqueConstraint(fields=["user", "team"], name="accounts_membership_unique_user_team")]

    def __str__(self) -> str:
        return f"{self.user} — {self.team} ({self.get_role_display()})"


class StaffProfile(models.Model):
    """Login failures of one account: consecutive failures, and until when it is locked."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile", verbose_name=_("personne")
    )
    failed_login_count = models.PositiveIntegerField(_("échecs de connexion consécutifs"), default=0)
    last_failed_login_at = models.DateTimeField(_("dernier échec de connexion"), null=True, blank=True)
    locked_until = models.DateTimeField(
        _("bloqué jusqu'à"), null=True, blank=True,
        help_text=_("Videz ce champ pour débloquer le compte avant la fin du délai."),
    )

    class Meta:
        verbose_name = _("sécurité du compte")
        verbose_name_plural = _("sécurité des comptes")

    def __str__(self) -> str:
        return str(self.user)


class LoginSource(models.Model):
    """Login failures of one account from one source: the client's address as a keyed hash
    (`core.ratelimit.client_key`), never the address. Enough failures block that source for
    that account (login.py); the account itself locks only on failures from several sources."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="login_sources", verbose_name=_("personne")
    )
    source = models.CharField(_("poste (empreinte de l'adresse)"), max_length=64)
    failed_login_count = models.PositiveIntegerField(_("échecs de connexion consécutifs"), default=0)
    last_failed_login_at = models.DateTimeField(_("dernier échec de connexion"))
    locked_until = models.DateTimeField(
        _("bloqué jusqu'à"), null=True, blank=True,
        help_text=_("Videz ce champ (ou supprimez la ligne) pour débloquer ce poste avant la fin du délai."),
    )

    class Meta:
        verbose_name = _("blocage d'un poste pour un compte")
        verbose_name_plural = _("blocages de postes pour un compte")
        constraints = [models.UniqueConstraint(fields=["user", "source"], name="accounts_loginsource_user_source")]

    def __str__(self) -> str:
        return f"{self.user} — {self.source[:8]}…"


class LocalEntry(models.Model):
    """A team's own public entry (/l/<slug>/), for a national or regional instance hosting local
    services: the team's name, logo, colours, phone, hours and legal texts, and everything started
    there (report, chat) goes to this team first."""

    team = models.OneToOneField(Team, on_delete=models.CASCADE, related_name="local_entry", verbose_name=_("équipe"))
    slug = models.SlugField(_("adresse (/l/…/)"), max_length=60, unique=True)
    name = models.CharField(_("nom affiché"), max_length=120)
    intro = models.TextField(_("présentation"), blank=True, default="")
    logo = models.FileField(_("logo"), upload_to="entries/", blank=True, help_text=_("PNG, JPEG ou WebP."))
    logo_alt = models.CharField(_("texte alternatif du logo"), max_length=200, blank=True, default="")
    colour_primary = models.CharField(_("couleur principale"), max_length=7, default="#1d4f91")
    colour_accent = models.CharField(_("couleur d'accent"), max_length=7, default="#b3261e")
    phone = models.CharField(_("téléphone"), max_length=40, blank=True, default="")
    phone_hours = models.CharField(_("horaires du téléphone"), max_length=200, blank=True, default="")
    legal_notice = models.TextField(_("mentions légales de ce service"), blank=True, default="")
    active = models.BooleanField(_("en ligne"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("point d'entrée local")
        verbose_name_plural = _("points d'entrée locaux")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        # The colours stay within the theme's accessible contrast, as the instance's do.
        from recours.core.models import HEX_COLOUR, contrast_ratio

        errors = {}
        for field in ("colour_primary", "colour_accent"):
            value = getattr(self, field)
            if not HEX_COLOUR.match(value or ""):
                errors[field] = _("Une couleur au format #rrggbb est attendue.")
            elif contrast_ratio(value, "#ffffff") < 4.5:
                errors[field] = _("Contraste insuffisant avec le blanc (%(ratio).1f:1 ; 4,5:1 au moins).") % {
                    "ratio": contrast_ratio(value, "#ffffff")}
        if errors:
            raise ValidationError(errors)
