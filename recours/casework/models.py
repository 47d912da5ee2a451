"""A case: one model whatever the channel it came in by.

Sensitive fields (narrative, details, contact, messages, attachments) are
encrypted at rest; what queues and statistics need stays in clear.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from recours.casework.waiting import PERSON_WROTE_LAST
from recours.core.fields import EncryptedBinaryField, EncryptedJSONField, EncryptedTextField

REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U


def reference_generate() -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


class Channel(models.TextChoices):
    FORM = "form", _("formulaire")
    API = "api", _("API partenaire")
    CHAT = "chat", _("tchat")
    PHONE = "phone", _("téléphone")
    PARTNER = "partner", _("déposé par un partenaire avec la personne")
    LETTER = "letter", _("courrier")
    EMAIL = "email", _("courriel")
    IN_PERSON = "in_person", _("accueil physique")


class Status(models.TextChoices):
    NEW = "new", _("nouveau")
    IN_PROGRESS = "in_progress", _("en cours")
    AWAITING_PERSON = "awaiting_person", _("en attente de la personne")
    INFORMATION_GIVEN = "information_given", _("information donnée")
    ORIENTED = "oriented", _("orienté")
    REFERRAL_PREPARED = "referral_prepared", _("saisine préparée")
    TRANSFERRED = "transferred", _("transféré")
    CLOSED = "closed", _("clos")


class RespondentKind(models.TextChoices):
    """Who the person's complaint is about (the qualification's "mis en cause")."""

    EMPLOYER = "employer", _("employeur")
    LANDLORD = "landlord", _("bailleur ou agence immobilière")
    PUBLIC_SERVICE = "public_service", _("service public")
    BUSINESS = "business", _("commerce ou entreprise")
    SCHOOL = "school", _("établissement d'enseignement ou de formation")
    HEALTH_PROFESSIONAL = "health_professional", _("professionnel·le de santé")
    POLICE = "police", _("police ou gendarmerie")
    OTHER = "other", _("autre")


class Outcome(models.TextChoices):
    """How a closed case ended."""

    INFORMATION = "information", _("information sur les droits donnée")
    ORIENTATION = "orientation", _("orientation vers une structure")
    REFERRAL = "referral", _("saisine préparée")
    TRANSFER = "transfer", _("transféré à une autre équipe")
    OUT_OF_SCOPE = "out_of_scope", _("hors champ")
    NO_FOLLOW_UP = "no_follow_up", _("sans suite de la personne")


class Period(models.TextChoices):
    """When it happened, when the person has no exact date."""

    ONGOING = "en_cours", _("C'est toujours en cours")
    WEEK = "semaine", _("Il y a moins d'une semaine")
    MONTH = "mois", _("Il y a moins d'un mois")
    SIX_MONTHS = "six_mois", _("Il y a un à six mois")
    YEAR = "an", _("Il y a six mois à un an")
    FIVE_YEARS = "cinq_ans", _("Il y a un à cinq ans")
    OLDER = "plus", _("Il y a plus de cinq ans")


class StepTaken(models.TextChoices):
    NOTHING = "rien", _("Rien pour l'instant")
    COMPLAINT = "plainte", _("Une plainte à la police, à la gendarmerie ou au procureur")
    LOG = "main_courante", _("Une main courante")
    EMPLOYER = "employeur", _("J'en ai parlé à l'employeur, à la direction ou aux ressources humaines")
    UNION = "syndicat", _("J'en ai parlé à un syndicat ou aux représentants du personnel")
    ORGANISATION = "association", _("J'ai contacté une association")
    DEFENDER = "defenseur", _("J'ai contacté le Défenseur des droits")
    LAWYER = "avocat", _("J'ai consulté un avocat ou un juriste")
    INSPECTION = "inspection", _("J'ai contacté l'inspection du travail ou une autre administration")
    OTHER = "autre", _("Autre chose")


class Witnesses(models.TextChoices):
    """The person's answer to "did others see or hear it?" (kept in `Case.details["witnesses"]`)."""

    YES = "oui", _("Oui")
    NO = "non", _("Non")
    UNKNOWN = "ne_sait_pas", _("Je ne sais pas")


class PersonInformed(models.TextChoices):
    """A witness's or a relative's answer to "does the person concerned know that you report
    this?" (kept in `Case.details["person_informed"]`)."""

    YES_AGREES = "oui_accord", _("Oui, et elle est d'accord")
    YES_HESITATES = "oui_sans_accord", _("Oui, mais elle n'est pas d'accord ou elle hésite")
    NO = "non", _("Non, elle ne le sait pas")
    UNKNOWN = "ne_sait_pas", _("Je ne sais pas")


class Case(models.Model):
    reference = models.CharField(_("référence"), max_length=12, unique=True, default=reference_generate)
    channel = models.CharField(_("canal"), max_length=10, choices=Channel.choices)
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True)

    reporter_role = models.ForeignKey(
        "taxonomy.ReporterRole", on_delete=models.PROTECT, verbose_name=_("qualité de la personne")
    )
    narrative = EncryptedTextField(_("récit"))
    details = EncryptedJSONField(_("précisions"), default=dict, blank=True)

    postal_code = models.CharField(_("code postal"), max_length=5, blank=True)
    commune = models.ForeignKey(
        "geo.Commune", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("commune")
    )
    # The commune's département, or the one of a postal code whose communes all share it when
    # none was chosen (geo.selectors.place_resolve): the case is routed and counted by it.
    departement = models.ForeignKey(
        "geo.Departement", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("département"),
    )
    online = models.BooleanField(_("en ligne"), default=False)
    team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="cases", verbose_name=_("équipe")
    )

    occurred_on = models.DateField(_("date des faits"), null=True, blank=True)
    occurred_period = models.CharField(_("période des faits"), max_length=10, choices=Period.choices, blank=True)

    plain_grounds = models.ManyToManyField(
        "taxonomy.PlainGround", blank=True, related_name="+", verbose_name=_("motifs selon la personne")
    )
    reported_criteria = models.ManyToManyField(
        "taxonomy.Criterion", blank=True, related_name="+", verbose_name=_("critères correspondants")
    )
    grounds_unknown = models.BooleanField(_("motif inconnu de la personne"), default=False)
    # Reported and qualified criteria as "|code|code|", for the queue's filter (criteria_key.py).
    criteria_key = models.CharField(max_length=600, default="", blank=True, editable=False)
    domain = models.ForeignKey(
        "taxonomy.Domain", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("domaine")
    )
    steps_taken = models.JSONField(_("démarches déjà faites"), default=list, blank=True)

    contact = EncryptedJSONField(_("contact"), default=dict, blank=True)
    has_contact = models.BooleanField(_("a laissé un contact"), default=False)
    notify_by_email = models.BooleanField(_("accepte d'être prévenu·e par courriel"), default=False)
    consent_at = models.DateTimeField(_("consentement donné le"))
    # The language of the pages the person used to report (the address's prefix: core/i18n.py):
    # the adviser sees it ("Langue choisie : anglais"), mails to the person are written in it.
    language = models.CharField(_("langue choisie"), max_length=8, default="fr", blank=True)

    receipt_hash = models.CharField(max_length=64, unique=True)
    # The partner structure that filed the report with or for the person (recours.partners keeps
    # who filed it and what the person agreed to): the console shows it and may write to it.
    filed_by_structure = models.ForeignKey(
        "directory.Structure", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("déposé par la structure partenaire"),
    )
    # The person agreed to be contacted only through that partner, not directly.
    contact_through_partner = models.BooleanField(_("contact par le partenaire seulement"), default=False)

    created_at = models.DateTimeField(_("reçu le"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    person_last_seen_at = models.DateTimeField(null=True, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="assigned_cases",
        verbose_name=_("attribué à"),
    )
    status_changed_at = models.DateTimeField(_("statut changé le"), null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("statut changé par"),
    )
    # Kept by the message services (casework.waiting), so the queue sorts on an indexed
    # column instead of computing, for every case of a team, when it last heard from whom.
    last_person_message_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_adviser_message_at = models.DateTimeField(null=True, blank=True, editable=False)
    waiting_since = models.DateTimeField(_("attend une réponse depuis"), null=True, blank=True, editable=False)
    first_answer_at = models.DateTimeField(_("première réponse le"), null=True, blank=True)
    closed_at = models.DateTimeField(_("clos le"), null=True, blank=True)
    outcome = models.CharField(_("issue"), max_length=20, choices=Outcome.choices, blank=True)

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["-created_at"]
        indexes = [
            # The queue walks this index in order; the tab counts use the three of them.
            models.Index(fields=["team", "waiting_since", "created_at", "id"], name="casework_case_queue_order"),
            models.Index(fields=["team", "status"], name="casework_case_team_status"),
            models.Index(
                fields=["team"], condition=PERSON_WROTE_LAST & ~models.Q(status="closed"),
                name="casework_case_awaiting_reply",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~(models.Q(occurred_on__isnull=False) & ~models.Q(occurred_period="")),
                name="case_date_or_period_not_both",
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class MessageAuthor(models.TextChoices):
    PERSON = "person", _("la personne")
    ADVISER = "adviser", _("conseiller·ère")
    SYSTEM = "system", _("système")


class Message(models.Model):
    """A message on the follow-up thread, from the person or to the person."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="messages")
    author = models.CharField(max_length=10, choices=MessageAuthor.choices)
    author_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    body = EncryptedTextField(_("message"))
    # The language of the follow-up page the person wrote from ("" for advisers' and system messages).
    language = models.CharField(_("langue choisie"), max_length=8, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]


class PartnerMessage(models.Model):
    """A message of the advisers to the partner that filed a case (never shown to the person)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="partner_messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    body = EncryptedTextField(_("message au partenaire"))
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("message au partenaire")
        verbose_name_plural = _("messages aux partenaires")
        ordering = ["created_at", "id"]


class Attachment(models.Model):
    """A file given by the person (PDF or image), encrypted at rest.

    While a report is being written the file belongs to no case yet
    (`case` is null); drafts keep the ids of their files.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments", null=True, blank=True)
    message = models.ForeignKey(Message, on_delete=models.SET_NULL, null=True, blank=True, related_name="attachments")
    filename = EncryptedTextField(_("nom du fichier"))
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    data = EncryptedBinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class Note(models.Model):
    """An internal note of the advisers on a case: never shown to the person."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    body = EncryptedTextField(_("note"))
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("note interne")
        verbose_name_plural = _("notes internes")
        ordering = ["created_at", "id"]


class Qualification(models.Model):
    """The adviser's legal reading of a case; records the alleged ground, never the person's attribute."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="qualification")
    criteria = models.ManyToManyField(
        "taxonomy.Criterion", blank=True, related_name="+", verbose_name=_("critères de discrimination")
    )
    related_situations = models.ManyToManyField(
        "taxonomy.RelatedSituation", blank=True, related_name="+", verbose_name=_("situations connexes")
    )
    domain = models.ForeignKey(
        "taxonomy.Domain", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("domaine")
    )
    situation_type = models.ForeignKey(
        "taxonomy.SituationType", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("type de situation"),
    )
    respondent_kind = models.CharField(
        _("mis en cause"), max_length=20, choices=RespondentKind.choices, blank=True
    )
    reasoning = EncryptedTextField(_("analyse juridique"), blank=True, default="")
    qualified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("qualifié par"),
    )
    qualified_at = models.DateTimeField(_("qualifié le"))

    class Meta:
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")

    def __str__(self) -> str:
        return f"{self.case} ({self.qualified_at:%Y-%m-%d})"


class AnswerTopic(models.TextChoices):
    RIGHTS = "rights", _("droits")
    DEADLINES = "deadlines", _("délais")
    EVIDENCE = "evidence", _("preuves à réunir")
    TESTING = "testing", _("test de situation")
    COMPLAINT = "complaint", _("porter plainte")
    ORIENTATION = "orientation", _("orientation")
    OTHER = "other", _("autre")


class AnswerTemplate(models.Model):
    """A reusable legal answer, national (no team) or of one team, with placeholders.

    The placeholders a body may use are `recours.casework.answers.PLACEHOLDERS`; any
    other is refused when the template is saved through the services.
    """

    key = models.SlugField(
        _("identifiant de référence"), max_length=80, unique=True, null=True, blank=True,
        help_text=_("Rempli pour les réponses livrées avec la plateforme (données de référence)."),
    )
    title = models.CharField(_("titre"), max_length=200)
    topic = models.CharField(_("thème"), max_length=20, choices=AnswerTopic.choices)
    body = models.TextField(_("texte"))
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.CASCADE, null=True, blank=True, related_name="answer_templates",
        verbose_name=_("équipe"), help_text=_("Vide : la réponse est partagée par toutes les équipes."),
    )
    active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("réponse type")
        verbose_name_plural = _("réponses types")
        ordering = ["topic", "title"]

    def __str__(self) -> str:
        return self.title


class CaseTransfer(models.Model):
    """A case handed over from one team to another: the history of its teams."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="transfers")
    from_team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, null=True, related_name="+")
    to_team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="+")
    note = EncryptedTextField(_("note de transfert"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class AdviceRequest(models.Model):
    """A question to another team about a case, without handing the case over.

    The other team reads only the question (and the case's reference, domain and
    criteria), never the case file; its answer lands in the case's timeline.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="advice_requests")
    from_team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="+")
    to_team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="advice_requests")
    question = EncryptedTextField(_("question"))
    answer = EncryptedTextField(_("avis"), blank=True, default="")
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    asked_at = models.DateTimeField(auto_now_add=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("demande d'avis")
        verbose_name_plural = _("demandes d'avis")
        ordering = ["asked_at", "id"]


class CallScenario(models.TextChoices):
    """The call scenarios of a city discrimination line."""

    VICTIM = "victim", _("Scénario 1 — la personne appelle pour elle-même")
    ON_BEHALF = "on_behalf", _("Scénario 1 bis — un proche ou un·e professionnel·le parle de la situation d'une autre personne")
    WITNESS = "witness", _("Scénario 2 — un témoin signale une situation ou un risque")


class CallDirection(models.TextChoices):
    INCOMING = "incoming", _("appel reçu")
    OUTGOING = "outgoing", _("appel passé")


class PhoneCall(models.Model):
    """A call sheet: one phone call on a case, received or made, step by step.

    `steps` holds what the adviser wrote at each step of the scenario (keys are
    `casework.calls.CALL_STEPS`), encrypted like everything the person said.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="calls")
    direction = models.CharField(_("sens"), max_length=10, choices=CallDirection.choices, default=CallDirection.INCOMING)
    scenario = models.CharField(_("scénario"), max_length=10, choices=CallScenario.choices)
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("conseiller·ère")
    )
    started_at = models.DateTimeField(_("début de l'appel"))
    ended_at = models.DateTimeField(_("fin de l'appel"), null=True, blank=True)
    duration_seconds = models.PositiveIntegerField(_("durée (secondes)"), null=True, blank=True)
    steps = EncryptedJSONField(_("déroulé de l'appel"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("fiche d'appel")
        verbose_name_plural = _("fiches d'appel")
        ordering = ["started_at", "id"]


class ScheduledCall(models.Model):
    """A follow-up call to make: it shows in the queue of the case's team until done or cancelled."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="scheduled_calls")
    due_at = models.DateTimeField(_("rappeler le"), db_index=True)
    reason = EncryptedTextField(_("objet du rappel"), blank=True, default="")
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("à faire par"),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(_("fait le"), null=True, blank=True)
    done_call = models.ForeignKey(PhoneCall, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    cancelled_at = models.DateTimeField(_("annulé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("rappel prévu")
        verbose_name_plural = _("rappels prévus")
        ordering = ["due_at", "id"]
        indexes = [
            models.Index(
                fields=["due_at"], condition=models.Q(done_at__isnull=True, cancelled_at__isnull=True),
                name="casework_callback_pending",
            ),
        ]


class ReferralStatus(models.TextChoices):
    DRAFT = "draft", _("brouillon")
    READY = "ready", _("prête à transmettre")
    SENT = "sent", _("transmise")


class ReferralFile(models.Model):
    """A formal referral (saisine) to the Défenseur des droits, prepared from a case.

    `content` holds the file itself (facts, dates, parties, steps already taken,
    evidence), encrypted; what the console lists stays in clear. The person's
    consent is required before the file can be marked ready or exported.
    """

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="referral")
    status = models.CharField(_("état"), max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.DRAFT)
    content = EncryptedJSONField(_("contenu de la saisine"), default=dict, blank=True)
    consent_at = models.DateTimeField(_("accord de la personne recueilli le"), null=True, blank=True)
    consent_how = models.CharField(_("accord recueilli"), max_length=200, blank=True)
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    sent_at = models.DateTimeField(_("transmise le"), null=True, blank=True)

    class Meta:
        verbose_name = _("saisine")
        verbose_name_plural = _("saisines")


# The orientation step (a person pointed to a service of the directory) has its own module.
from recours.casework.orientation_models import ConsentHow, Orientation, OrientationStatus  # noqa: E402,F401
