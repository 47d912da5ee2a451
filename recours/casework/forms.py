"""Forms of the adviser console."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from recours.casework.models import Channel, Status


class QueueFilterForm(forms.Form):
    """Filters of the queue, sent by GET."""

    vue = forms.CharField(required=False, widget=forms.HiddenInput)
    channel = forms.ChoiceField(label=_("Canal"), required=False, choices=[("", _("Tous les canaux")), *Channel.choices])
    status = forms.ChoiceField(label=_("Statut"), required=False, choices=[("", _("Tous les statuts")), *Status.choices])


class _CaseActionForm(forms.Form):
    """The case file holds several forms: each gets its own ids (`<id_prefix>_<field>`)."""

    id_prefix = "action"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class ReplyForm(_CaseActionForm):
    id_prefix = "reply"
    body = forms.CharField(
        label=_("Répondre à la personne"),
        help_text=_("La personne lira cette réponse sur sa page de suivi. Si elle l'a demandé, un courriel lui dira seulement qu'un message l'attend."),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=settings.RECOURS_MESSAGE_MAX_CHARS,
    )


class NoteForm(_CaseActionForm):
    id_prefix = "note"
    body = forms.CharField(
        label=_("Ajouter une note interne"),
        help_text=_("Visible par votre équipe seulement, jamais par la personne."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=settings.RECOURS_MESSAGE_MAX_CHARS,
    )


class StatusForm(_CaseActionForm):
    id_prefix = "status"
    status = forms.ChoiceField(label=_("Statut du dossier"), choices=Status.choices)


class AssignForm(_CaseActionForm):
    id_prefix = "assign"
    assignee = forms.ChoiceField(label=_("Attribuer à"), required=False)

    def __init__(self, *args, colleagues=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [("", _("Personne")), *[
            (str(user.pk), user.get_full_name() or user.get_username()) for user in colleagues
        ]]
