from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from recours.casework.attachments import attachment_check
from recours.core.receipts import receipt_is_well_formed
from recours.core.text import ValidTextFormMixin


class ReceiptForm(ValidTextFormMixin, forms.Form):
    receipt = forms.CharField(
        label=_("Votre code de suivi"),
        help_text=_("Les 16 chiffres reçus à l'envoi de votre signalement, par exemple 1234 5678 9012 3456."),
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": _("Indiquez votre code de suivi.")},
    )

    def clean_receipt(self):
        receipt = self.cleaned_data["receipt"]
        if not receipt_is_well_formed(receipt):
            raise forms.ValidationError(_("Le code de suivi compte 16 chiffres, par exemple 1234 5678 9012 3456."))
        return receipt


class MessageForm(ValidTextFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Votre message"),
        help_text=_("Ajoutez une information, répondez à une question, dites si la situation a évolué."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    file = forms.FileField(
        label=_("Joindre un document (facultatif)"),
        help_text=_("PDF ou image (JPEG, PNG, WebP), 10 Mo au maximum."),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].widget.attrs["data-maxlength"] = str(settings.RECOURS_MESSAGE_MAX_CHARS)

    def clean_file(self):
        """The same content check as every upload, so its error sits on this field."""
        upload = self.cleaned_data.get("file")
        if upload:
            attachment_check(name=upload.name, data=upload.read())
            upload.seek(0)
        return upload

    def refuse(self, message: str) -> None:
        """Refuse the whole message (a limit reached): the text stays, a file must be given again."""
        self.is_valid()
        self.add_error(None, message)
        upload = self.files.get("file")
        if upload is not None and "file" not in self.errors:
            self.add_error(
                "file",
                _("Le fichier « %(name)s » n'a pas été enregistré : joignez-le de nouveau.") % {"name": upload.name},
            )

    def clean(self):
        data = super().clean()
        if "body" not in self.errors and not (data.get("body") or "").strip() and not data.get("file"):
            self.add_error("body", _("Écrivez votre message ou joignez un document."))
        return data
