from django import forms
from django.utils.translation import gettext_lazy as _

from recours.partners.models import ContactWay


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Courriel de la personne à inviter"), max_length=254)
    is_admin = forms.BooleanField(label=_("Elle gère les membres de la structure"), required=False)


class PartnerCreateForm(forms.Form):
    """A coordinator opens a partner space for a structure and invites its first member (who manages it)."""

    structure = forms.ModelChoiceField(label=_("Structure de l'annuaire"), queryset=None, empty_label=_("Choisissez"))
    email = forms.EmailField(label=_("Courriel de la première personne invitée"), max_length=254)

    def __init__(self, *args, structures=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["structure"].queryset = structures


class JoinForm(forms.Form):
    first_name = forms.CharField(label=_("Prénom"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Nom"), max_length=150, required=False)
    username = forms.CharField(
        label=_("Identifiant"), max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label=_("Mot de passe"), strip=False, max_length=4096,
        help_text=_("Au moins 12 caractères ; une phrase est plus facile à retenir."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class ReportConsentForm(forms.Form):
    """What the member records before filling the report's steps with the person."""

    person_present = forms.TypedChoiceField(
        label=_("Qui remplit le signalement ?"), widget=forms.RadioSelect, coerce=lambda v: v == "yes",
        choices=[("yes", _("Je le remplis avec la personne, présente")),
                 ("no", _("Je le remplis pour la personne, qui me l'a demandé"))],
        error_messages={"required": _("Dites si la personne est présente.")},
    )
    share_with_partner = forms.TypedChoiceField(
        label=_("La personne accepte-t-elle que votre structure suive son dossier ?"), widget=forms.RadioSelect,
        coerce=lambda v: v == "yes",
        choices=[("yes", _("Oui : notre structure voit l'état du dossier, les messages qui lui sont adressés et l'issue")),
                 ("no", _("Non : notre structure ne voit rien du dossier après l'envoi"))],
        error_messages={"required": _("Indiquez ce que la personne accepte.")},
    )
    contact_way = forms.ChoiceField(
        label=_("Comment la personne veut-elle être contactée ?"), widget=forms.RadioSelect, choices=ContactWay.choices,
        error_messages={"required": _("Indiquez comment la personne veut être contactée.")},
    )
    consent = forms.BooleanField(
        label=_("La personne a donné son accord pour ce signalement et pour ce qui est indiqué ci-dessus."),
        error_messages={"required": _("Sans l'accord de la personne, ne faites pas de signalement en son nom.")},
    )


class InboxActionForm(forms.Form):
    comment = forms.CharField(
        label=_("Un mot pour l'équipe"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Obligatoire pour décliner : dites pourquoi, l'équipe pourra orienter la personne ailleurs."),
    )


class ArrivalForm(forms.Form):
    """How a report came (letter, email, desk), its document, how the person gets her code."""

    channel = forms.ChoiceField(
        label=_("Comment le signalement est-il arrivé ?"), widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez comment le signalement est arrivé.")},
    )
    document = forms.FileField(
        label=_("Le courrier ou le courriel (facultatif)"), required=False,
        help_text=_("Un PDF ou une image (scan, photo, courriel imprimé en PDF)."),
    )
    receipt_by = forms.ChoiceField(
        label=_("Comment remettre son code de suivi à la personne ?"), widget=forms.RadioSelect,
        choices=[("card", _("Une carte imprimée, remise en main propre ou envoyée par courrier")),
                 ("mail", _("Un courriel à la personne, avec le code seulement (rien de son signalement)"))],
        error_messages={"required": _("Choisissez comment remettre son code à la personne.")},
    )

    def __init__(self, *args, **kwargs):
        from recours.partners.arrivals import ARRIVAL_CHANNELS

        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [(c.value, c.label) for c in ARRIVAL_CHANNELS]


class PartnerArrivalForm(ArrivalForm):
    share_with_partner = forms.BooleanField(
        label=_("La personne accepte que notre structure suive son dossier (état, messages à la structure, issue)"),
        required=False,
    )


class ApiCredentialForm(forms.Form):
    name = forms.CharField(label=_("Nom de la clé"), max_length=100, help_text=_("Par exemple : le logiciel qui l'utilise."))
    scopes = forms.MultipleChoiceField(
        label=_("Droits de la clé"), widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choisissez au moins un droit.")},
    )

    def __init__(self, *args, **kwargs):
        from recours.partners.models import ApiScope

        super().__init__(*args, **kwargs)
        self.fields["scopes"].choices = ApiScope.choices
