"""Admin of the instance's settings: one row, never added twice, never deleted."""

import filetype
from django import forms
from django.conf import settings
from django.contrib import admin
from django.db import models
from django.core.files.uploadedfile import UploadedFile
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from recours.core.models import InstanceSettings

THEME_LABELS = {
    "default": _("par défaut (recours)"),
    "dsfr": _("dsfr – système de design de l'État, réservé aux services de l'État"),
}


def theme_label(name: str) -> str:
    return str(THEME_LABELS.get(name, name))

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
            "accessibility_notice": _("Ajouté à la fin de la déclaration, qui est rédigée à partir des champs ci-dessus."),
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
        (_("Thème"), {
            "fields": ("theme",),
            "description": _(
                "Le thème se choisit au déploiement (variable RECOURS_THEME), pas ici. Le thème « dsfr » "
                "(système de design de l'État : bloc Marianne, police Marianne, bleu France) est réservé aux "
                "sites des services de l'État : ses conditions d'utilisation interdisent son usage par toute "
                "autre entité (collectivité, association, entreprise). Il est désactivé par défaut ; "
                "ne l'activez que si votre service est un service de l'État."),
        }),
        (_("Couleurs"), {
            "fields": ("colour_primary", "colour_accent"),
            "description": _("Avec le thème de l'État (dsfr), ces couleurs ne s'appliquent pas : "
                             "le site garde les couleurs de l'État."),
        }),
        # The chat's hours are its real schedule (teams' opening hours in the chat's admin, else
        # RECOURS_CHAT_HOURS), shown by the chat's entries: no free text here.
        (_("Contacts"), {"fields": ("phone", "phone_hours", "contact_email", "chat_enabled")}),
        (_("Personnes sourdes ou malentendantes"), {
            "fields": ("sign_language_relay_url", "sign_language_relay_hours"),
            "description": _("Le relais est affiché à côté de chaque numéro de téléphone du service."),
        }),
        (_("Sortie rapide"), {"fields": ("neutral_site_url",)}),
        (_("Textes légaux"), {"fields": ("legal_notice", "privacy_notice")}),
        (_("Déclaration d'accessibilité"), {
            "fields": ("accessibility_conformity", "accessibility_rate", "accessibility_audit_date", "accessibility_audit_by",
                       "accessibility_non_conformities", "accessibility_exemptions", "accessibility_statement_date",
                       "accessibility_notice"),
            "description": _("La déclaration publiée sur /accessibilite/ est rédigée à partir de ces champs : "
                             "tenez-les à jour après chaque audit."),
        }),
    )

    readonly_fields = ("theme",)

    @admin.display(description=_("Thème en service"))
    def theme(self, obj=None):
        return theme_label(settings.RECOURS_THEME)

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
