"""The adviser's orientation form: which services, and what is handed over with consent."""

from django import forms
from django.utils.translation import gettext_lazy as _

from recours.casework.orientation import shareable_choices


class OrientationForm(forms.Form):
    MODE_GIVE = "give"
    MODE_HAND_OVER = "hand_over"

    services = forms.TypedMultipleChoiceField(
        label=_("Services choisis"), coerce=int, choices=[], widget=forms.MultipleHiddenInput,
        error_messages={"required": _("Choisissez au moins un service dans les résultats.")},
    )
    mode = forms.ChoiceField(
        label=_("Comment orienter"), widget=forms.RadioSelect, initial=MODE_GIVE,
        choices=[
            (MODE_GIVE, _("Donner le contact à la personne (elle le verra sur sa page de suivi)")),
            (MODE_HAND_OVER, _("Transmettre aussi à la structure, avec l'accord de la personne")),
        ],
    )
    consent = forms.BooleanField(
        label=_("La personne est d'accord pour que ces informations soient transmises à la structure"),
        help_text=_("Au téléphone : son consentement recueilli oralement. Pour un signalement du formulaire, du "
                    "tchat ou de l'API, la personne confirme elle-même sur sa page de suivi : rien n'est transmis avant."),
        required=False,
    )
    shared = forms.MultipleChoiceField(
        label=_("Ce qui sera transmis"), required=False, choices=shareable_choices,
        widget=forms.CheckboxSelectMultiple, help_text=_("Seulement ce que la personne a accepté de partager."),
    )
    message = forms.CharField(
        label=_("Message à la structure (facultatif)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, service_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["services"].choices = [(pk, pk) for pk in service_ids]


class PartnerAnswerForm(forms.Form):
    comment = forms.CharField(
        label=_("Un mot pour l'équipe (facultatif)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Par exemple : la date d'un premier rendez-vous, ou pourquoi vous déclinez."),
    )
