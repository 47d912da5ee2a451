from django import forms
from django.utils.translation import gettext_lazy as _


class DirectoryImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fichier à importer"),
        help_text=_("Un export data·inclusion (JSON ou CSV) de structures ou de services, ou le modèle d'annuaire. "
                    "Rien n'est écrit avant votre confirmation."),
    )
