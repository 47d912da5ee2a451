"""The orientation directory: structures and their services, in the data·inclusion schema 1.x.

Fields named after the schema keep its names (`nom`, `code_insee`, `zone_eligibilite`...), so
that an export of ours reads as theirs; the choices come from the schema's own enums (see
`recours.directory.schema`). What orientation for discrimination needs and the schema lacks
(criteria and domains handled, kinds of help, languages, last verification) extends it, in
the same style.

A service's eligibility zone is also kept as one row per typed code in `ServiceZone`, the
index the search walks: `commune:44109`, `departement:44`, `france` (a région is written as
the list of its départements, as the schema asks; `region:NN` is accepted on the way in).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class KindOfHelp(models.TextChoices):
    LISTENING = "ecoute", _("écoute")
    LEGAL_INFORMATION = "information-juridique", _("information sur les droits")
    LEGAL_ACTION = "accompagnement-juridique", _("accompagnement dans une action en justice")
    PSYCHOLOGICAL = "soutien-psychologique", _("soutien psychologique")
    MEDIATION = "mediation", _("médiation")
    COMPLAINT = "aide-depot-plainte", _("aide pour porter plainte")
    SITUATION_TESTING = "test-de-situation", _("test de situation (testing)")


class Language(models.TextChoices):
    """Languages a service can receive people in (ISO 639-1), the most asked ones."""

    FR = "fr", _("français")
    EN = "en", _("anglais")
    AR = "ar", _("arabe")
    ES = "es", _("espagnol")
    PT = "pt", _("portugais")
    TR = "tr", _("turc")
    RO = "ro", _("roumain")
    RU = "ru", _("russe")
    UK = "uk", _("ukrainien")
    ZH = "zh", _("chinois")
    DE = "de", _("allemand")
    IT = "it", _("italien")
    FA = "fa", _("persan")
    PS = "ps", _("pachto")
    TA = "ta", _("tamoul")
    SW = "sw", _("swahili")
    LSF = "lsf", _("langue des signes française")


class Structure(models.Model):
    """An organisation that offers services: an association, a public body, a helpline's operator."""

    source = models.CharField(_("source"), max_length=100)
    di_id = models.CharField(_("identifiant data·inclusion"), max_length=200, unique=True)
    nom = models.CharField(_("nom"), max_length=150)
    date_maj = models.DateField(_("date de dernière modification"))
    description = models.TextField(_("description"), blank=True)
    siret = models.CharField(_("numéro SIRET"), max_length=14, blank=True)
    commune = models.CharField(_("commune"), max_length=150, blank=True)
    code_postal = models.CharField(_("code postal"), max_length=5, blank=True)
    code_insee = models.CharField(_("code INSEE"), max_length=5, blank=True)
    adresse = models.CharField(_("adresse"), max_length=250, blank=True)
    complement_adresse = models.CharField(_("complément d'adresse"), max_length=250, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    telephone = models.CharField(_("téléphone"), max_length=30, blank=True)
    courriel = models.EmailField(_("courriel"), blank=True)
    site_web = models.URLField(_("site web"), max_length=500, blank=True)
    lien_source = models.URLField(_("lien vers la source"), max_length=500, blank=True)
    horaires_accueil = models.CharField(_("horaires d'accueil"), max_length=500, blank=True)
    reseaux_porteurs = models.JSONField(_("réseaux porteurs"), default=list, blank=True)
    is_demo = models.BooleanField(_("donnée de démonstration"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("structure")
        verbose_name_plural = _("structures")
        ordering = ["nom"]

    def __str__(self) -> str:
        return self.nom


class Service(models.Model):
    """What a structure offers: the unit a person is oriented to."""

    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="services")
    source = models.CharField(_("source"), max_length=100)
    di_id = models.CharField(_("identifiant data·inclusion"), max_length=200, unique=True)
    nom = models.CharField(_("nom"), max_length=150)
    description = models.TextField(_("description"))
    date_maj = models.DateField(_("date de dernière modification"))
    type = models.CharField(_("type de service"), max_length=50, blank=True)
    thematiques = models.JSONField(_("thématiques"), default=list, blank=True)
    frais = models.CharField(_("frais"), max_length=20, blank=True)
    frais_precisions = models.TextField(_("précisions sur les frais"), blank=True)
    publics = models.JSONField(_("publics"), default=list, blank=True)
    publics_precisions = models.TextField(_("précisions sur les publics"), blank=True)
    conditions_acces = models.TextField(_("conditions d'accès"), blank=True)
    commune = models.CharField(_("commune"), max_length=150, blank=True)
    code_postal = models.CharField(_("code postal"), max_length=5, blank=True)
    code_insee = models.CharField(_("code INSEE"), max_length=5, blank=True)
    adresse = models.CharField(_("adresse"), max_length=250, blank=True)
    complement_adresse = models.CharField(_("complément d'adresse"), max_length=250, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    telephone = models.CharField(_("téléphone"), max_length=30, blank=True)
    courriel = models.EmailField(_("courriel"), blank=True)
    contact_nom_prenom = models.CharField(_("contact"), max_length=150, blank=True)
    modes_accueil = models.JSONField(_("modes d'accueil"), default=list, blank=True)
    zone_eligibilite = models.JSONField(_("zone d'éligibilité"), default=list, blank=True)
    lien_mobilisation = models.URLField(_("lien de mobilisation"), max_length=500, blank=True)
    modes_mobilisation = models.JSONField(_("modes de mobilisation"), default=list, blank=True)
    mobilisable_par = models.JSONField(_("mobilisable par"), default=list, blank=True)
    mobilisation_precisions = models.TextField(_("précisions sur la mobilisation"), blank=True)
    horaires_accueil = models.CharField(_("horaires d'accueil"), max_length=500, blank=True)
    lien_source = models.URLField(_("lien vers la source"), max_length=500, blank=True)

    # Extensions for orientation in matters of discrimination. An empty list of criteria
    # or domains means "all of them" (a generalist service such as the 39 28).
    criteres = models.JSONField(_("critères traités"), default=list, blank=True)
    situations_connexes = models.JSONField(_("situations connexes traitées"), default=list, blank=True)
    domaines = models.JSONField(_("domaines traités"), default=list, blank=True)
    types_aide = models.JSONField(_("types d'aide"), default=list, blank=True)
    langues = models.JSONField(_("langues parlées"), default=list, blank=True)
    date_verification = models.DateField(_("vérifié le"), null=True, blank=True)
    courriel_orientation = models.EmailField(
        _("courriel de réception des orientations"), blank=True,
        help_text=_("Où la structure reçoit les orientations ; à défaut, son courriel."),
    )

    # What the search filters on, kept by `schema.service_row_validate`: "*" for a generalist
    # service, otherwise the codes between bars ("|age|handicap|"), so that a LIKE picks them.
    criteres_cle = models.CharField(max_length=600, default="*", editable=False)
    domaines_cle = models.CharField(max_length=300, default="*", editable=False)
    is_national = models.BooleanField(_("service national"), default=False, editable=False)
    retired_at = models.DateTimeField(_("retiré le"), null=True, blank=True)
    is_demo = models.BooleanField(_("donnée de démonstration"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The team whose coordinators keep the entry up to date; none for entries of national
    # scope or imported by the operator, which national coordinators keep.
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.SET_NULL, null=True, blank=True, related_name="directory_services",
        verbose_name=_("équipe qui tient la fiche"),
    )

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["nom"]
        indexes = [models.Index(fields=["latitude", "longitude"], name="directory_service_position")]

    def __str__(self) -> str:
        return self.nom


class ServiceZone(models.Model):
    """One typed code of a service's eligibility zone: what the search looks up.

    Each row also carries a copy of what the search filters and ranks on (whether the
    service is listed, its match keys, its position), so that a search reads this table
    alone, by its code index, and ranks in SQL: no join to the services, whose planner
    estimates sent PostgreSQL to a sequential scan (docs/performance.md). The writes of the
    directory keep the copy (`services.zone_row`, retire and restore)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="zones")
    code = models.CharField(max_length=30)
    listed = models.BooleanField(default=True)  # neither retired nor national (those have their own list)
    criteres_cle = models.CharField(max_length=600, default="*")
    domaines_cle = models.CharField(max_length=300, default="*")
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["code", "service"], name="directory_zone_unique")]
