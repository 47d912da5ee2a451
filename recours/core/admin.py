"""Admin of the instance's settings: one row, never added twice, never deleted."""

import filetype
from django import forms
from django.contrib import admin
from django.db import models
from django.core.files.uploadedfile import UploadedFile
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from recours.core.models import InstanceSettings

LOGO_MAX_BYTES = 500 * 1024
LOGO_TYPES = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}

DEFAULT_TEXT_HELP = _(
    "Tant que ce champ est vide, le site affiche un texte par défaut, qui ne vous engage pas et ne suffit pas : "
    "remplacez-le par le vôtre. Texte simple ; une ligne vide sépare deux paragraphes."
)


def _formfield(db_field, **kwargs):
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)


class InstanceSettingsForm(forms.ModelForm):
    class Meta:
        model = InstanceSettings
        fields = "__all__"
        formfield_callback = _formfield
        widgets = {
            "colour_primary": forms.TextInput(attrs={"type": "color"}),
            "colour_accent": forms.TextInput(attrs={"type": "color"}),
        }
        help_texts = {
            "logo": _("PNG, JPEG ou WebP, 500 Ko au plus. Le type est vérifié d'après le contenu du fichier."),
            "logo_alt": _("Ce que montre le logo (souvent le nom de l'organisme). Laissez vide s'il ne fait que répéter le nom du service."),
            "legal_notice": DEFAULT_TEXT_HELP,
            "privacy_notice": _(
                "Responsable du traitement, finalités, données recueillies, durées de conservation, droits et "
                "comment les exercer, réclamation auprès de la CNIL."
            )
            + " "
            + DEFAULT_TEXT_HELP,
            "accessibility_notice": _("État de conformité au RGAA, contact, voies de recours.") + " " + DEFAULT_TEXT_HELP,
        }

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if not isinstance(logo, UploadedFile):
            return logo  # unchanged, or cleared
        if logo.size > LOGO_MAX_BYTES:
            raise forms.ValidationError(_("Le logo est trop lourd : 500 Ko au plus."))
        logo.seek(0)
        head = logo.read(8192)
        logo.seek(0)
        kind = filetype.guess(head)
        if kind is None or kind.mime not in LOGO_TYPES:
            raise forms.ValidationError(_("Le logo doit être une image PNG, JPEG ou WebP."))
        # The stored name follows the content, never the name the file came with.
        logo.name = f"logo.{LOGO_TYPES[kind.mime]}"
        return logo


@admin.register(InstanceSettings)
class InstanceSettingsAdmin(admin.ModelAdmin):
    form = InstanceSettingsForm
    fieldsets = (
        (_("Identité"), {"fields": ("name", "operator", "tagline", "logo", "logo_alt")}),
        (_("Couleurs"), {"fields": ("colour_primary", "colour_accent")}),
        (_("Contacts"), {"fields": ("phone", "phone_hours", "contact_email", "chat_enabled", "chat_hours")}),
        (_("Sortie rapide"), {"fields": ("neutral_site_url",)}),
        (_("Textes légaux"), {"fields": ("legal_notice", "privacy_notice", "accessibility_notice")}),
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "neutral_site_url":
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not InstanceSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        """There is one row: go straight to it (or to the form that creates it)."""
        instance = InstanceSettings.objects.first()
        if instance is None:
            return redirect(reverse("admin:core_instancesettings_add"))
        return redirect(reverse("admin:core_instancesettings_change", args=[instance.pk]))
