"""Forms of the adviser console."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from recours.casework.answers import PLACEHOLDERS
from recours.casework.models import AnswerTopic, Channel, Outcome, RespondentKind, Status
from recours.theme.widgets import Select

WAITING_CHOICES = [
    ("", _("Toutes les durées")),
    ("1", _("depuis plus d'un jour")),
    ("3", _("depuis plus de 3 jours")),
    ("7", _("depuis plus d'une semaine")),
    ("30", _("depuis plus d'un mois")),
]


class QueueFilterForm(forms.Form):
    """Filters of the queue, sent by GET."""

    vue = forms.CharField(required=False, widget=forms.HiddenInput)
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000, widget=forms.HiddenInput)
    channel = forms.ChoiceField(label=_("Canal"), required=False, choices=[("", _("Tous les canaux")), *Channel.choices])
    status = forms.ChoiceField(label=_("Statut"), required=False, choices=[("", _("Tous les statuts")), *Status.choices])
    criterion = forms.ChoiceField(label=_("Critère"), required=False)
    domain = forms.ChoiceField(label=_("Domaine"), required=False)
    departement = forms.CharField(
        label=_("Département"), required=False, max_length=3,
        help_text=_("Son numéro, par exemple 44 ou 2A."), widget=forms.TextInput(attrs={"size": 4}),
    )
    waiting = forms.ChoiceField(label=_("Attend une réponse"), required=False, choices=WAITING_CHOICES)

    def __init__(self, *args, **kwargs):
        from recours.taxonomy.selectors import criteria_active, domains_active

        super().__init__(*args, **kwargs)
        self.fields["criterion"].choices = [("", _("Tous les critères")), *((c.code, c.label) for c in criteria_active())]
        self.fields["domain"].choices = [("", _("Tous les domaines")), *((d.code, d.label) for d in domains_active())]
        for field in self.fields.values():
            if type(field.widget) is forms.Select:
                field.widget = Select(attrs=field.widget.attrs, choices=field.widget.choices)

    def clean_departement(self):
        return self.cleaned_data["departement"].strip().upper()


class _CaseActionForm(forms.Form):
    """The case file holds several forms: each gets its own ids (`<id_prefix>_<field>`)."""

    id_prefix = "action"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # options inline: the case page renders eight selects
            if type(field.widget) is forms.Select:
                field.widget = Select(attrs=field.widget.attrs, choices=field.widget.choices)


class _MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; cleans to a list (empty when none was chosen)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", _MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data]
        return [super(MultipleFileField, self).clean(one, initial) for one in files if one]


class ReplyForm(_CaseActionForm):
    id_prefix = "reply"
    body = forms.CharField(
        label=_("Répondre à la personne"),
        help_text=_("Lue sur sa page de suivi ; un courriel lui dit seulement qu'un message l'attend, si elle l'a demandé."),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=settings.RECOURS_MESSAGE_MAX_CHARS,
    )
    files = MultipleFileField(
        label=_("Joindre des documents (facultatif)"),
        help_text=_("PDF ou image (JPEG, PNG, WebP), 10 Mo au maximum par fichier : la personne les téléchargera "
                    "depuis sa page de suivi."),
        required=False,
    )

    def clean_files(self):
        """Too heavy is refused before reading; the content itself is checked by the service."""
        from recours.casework.attachments import too_large_message

        files = self.cleaned_data.get("files") or []
        for upload in files:
            if upload.size > settings.RECOURS_ATTACHMENT_MAX_BYTES:
                raise forms.ValidationError(too_large_message(upload.name))
        return files

    def uploads(self) -> tuple[tuple[str, bytes], ...]:
        return tuple((upload.name, upload.read()) for upload in self.cleaned_data.get("files") or ())


class NoteForm(_CaseActionForm):
    id_prefix = "note"
    body = forms.CharField(
        label=_("Ajouter une note interne"),
        help_text=_("Visible par votre équipe seulement, jamais par la personne."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=settings.RECOURS_MESSAGE_MAX_CHARS,
    )


class PartnerMessageForm(_CaseActionForm):
    id_prefix = "partner"
    body = forms.CharField(
        label=_("Écrire à la structure partenaire"),
        help_text=_("Lu par la structure qui a déposé le dossier, si la personne a accepté qu'elle le suive ; jamais par la personne."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=settings.RECOURS_MESSAGE_MAX_CHARS,
    )


class StatusForm(_CaseActionForm):
    id_prefix = "status"
    status = forms.ChoiceField(label=_("Statut du dossier"), choices=Status.choices)

    def __init__(self, *args, allowed=None, **kwargs):
        super().__init__(*args, **kwargs)
        if allowed is not None:
            self.fields["status"].choices = allowed


class CloseForm(_CaseActionForm):
    id_prefix = "close"
    outcome = forms.ChoiceField(label=_("Issue du dossier"), choices=[("", _("Choisissez")), *Outcome.choices])
    recap_contacts = forms.BooleanField(
        label=_("Lister dans le courriel récapitulatif les contacts donnés"), required=False, initial=True,
        help_text=_("Décochez si la boîte de la personne peut être lue par quelqu'un d'autre : le courriel "
                    "renverra seulement à sa page de suivi."),
    )


class QualificationForm(_CaseActionForm):
    """The legal qualification; the criteria show their legal source as a hint."""

    id_prefix = "qualif"
    criteria = forms.MultipleChoiceField(
        label=_("Critères de discrimination (liste légale)"), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Le motif allégué, jamais une caractéristique de la personne."),
    )
    related_situations = forms.MultipleChoiceField(
        label=_("Situations connexes"), required=False, widget=forms.CheckboxSelectMultiple
    )
    domain = forms.ChoiceField(label=_("Domaine"), required=False)
    situation_type = forms.ChoiceField(label=_("Type de situation"), required=False)
    respondent_kind = forms.ChoiceField(
        label=_("Mis en cause"), required=False, choices=[("", _("Non précisé")), *RespondentKind.choices]
    )
    reasoning = forms.CharField(
        label=_("Analyse juridique"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Note interne, chiffrée, jamais montrée à la personne."),
        max_length=settings.RECOURS_MESSAGE_MAX_CHARS,
    )

    def __init__(self, *args, **kwargs):
        from recours.taxonomy.models import Criterion, Domain, RelatedSituation, SituationType

        super().__init__(*args, **kwargs)
        criteria = list(Criterion.objects.filter(active=True).order_by("position", "label"))
        self.fields["criteria"].choices = [(c.code, c.label) for c in criteria]
        self.fields["criteria"].choice_hints = {c.code: c.legal_source for c in criteria}
        self.fields["related_situations"].choices = list(
            RelatedSituation.objects.filter(active=True).order_by("position", "label").values_list("code", "label")
        )
        self.fields["domain"].choices = [("", _("Non précisé")), *Domain.objects.filter(active=True).order_by("position", "label").values_list("code", "label")]
        self.fields["situation_type"].choices = [("", _("Non précisé")), *SituationType.objects.filter(active=True).order_by("position", "label").values_list("code", "label")]


class TeamChoiceForm(_CaseActionForm):
    """Transfer to a team, or ask it for advice: a team and a text."""

    to_team = forms.ChoiceField(label=_("Équipe"))
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=settings.RECOURS_MESSAGE_MAX_CHARS)

    def __init__(self, *args, teams=(), id_prefix="transfer", text_label="", text_help="", **kwargs):
        self.id_prefix = id_prefix
        super().__init__(*args, **kwargs)
        self.fields["to_team"].choices = [("", _("Choisissez une équipe")), *[(str(team.pk), team.name) for team in teams]]
        self.fields["text"].label = text_label
        self.fields["text"].help_text = text_help


class AdviceAnswerForm(_CaseActionForm):
    id_prefix = "advice"
    answer = forms.CharField(
        label=_("Votre avis"), widget=forms.Textarea(attrs={"rows": 5}), max_length=settings.RECOURS_MESSAGE_MAX_CHARS
    )


class TemplateSearchForm(forms.Form):
    """Search of the legal answers from the reply box (GET, on the case file)."""

    modeles = forms.CharField(label=_("Chercher une réponse type"), required=False, max_length=100)


def _placeholders_help() -> str:
    return str(_("Champs possibles : %(names)s. Pour écrire une accolade, doublez-la.")) % {
        "names": ", ".join("{%s} (%s)" % (name, label) for name, label in PLACEHOLDERS.items())
    }


class AnswerTemplateForm(forms.Form):
    title = forms.CharField(label=_("Titre"), max_length=200)
    topic = forms.ChoiceField(label=_("Thème"), choices=[("", _("Choisissez")), *AnswerTopic.choices])
    body = forms.CharField(label=_("Texte"), widget=forms.Textarea(attrs={"rows": 14}))
    team = forms.ChoiceField(label=_("Partagée avec"))
    active = forms.BooleanField(label=_("Proposer cette réponse aux conseiller·ères"), required=False, initial=True)

    def __init__(self, *args, teams=(), national=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = _placeholders_help()
        choices = [(str(team.pk), _("l'équipe %(name)s") % {"name": team.name}) for team in teams]
        if national:
            choices.insert(0, ("", _("toutes les équipes (réponse nationale)")))
        self.fields["team"].choices = choices


class AssignForm(_CaseActionForm):
    id_prefix = "assign"
    assignee = forms.ChoiceField(label=_("Attribuer à"), required=False)

    def __init__(self, *args, colleagues=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [("", _("Personne")), *[
            (str(user.pk), user.get_full_name() or user.get_username()) for user in colleagues
        ]]
