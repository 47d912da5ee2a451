"""Teams, memberships and account locks in the admin (administrators manage them there)."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from recours.accounts.models import LocalEntry, LoginSource, Membership, StaffProfile, Team, TeamKind
from recours.core.admin import InstanceSettingsForm


class TeamForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = ["name", "slug", "kind", "region", "departement", "communes", "active"]

    def clean(self):
        cleaned = super().clean()
        kind, communes = cleaned.get("kind"), cleaned.get("communes")
        if kind == TeamKind.COMMUNES and not communes:
            self.add_error("communes", _("Choisissez au moins une commune."))
        if kind and kind != TeamKind.COMMUNES and communes:
            self.add_error("communes", _("Des communes ne s'indiquent que pour une équipe communale."))
        if kind == TeamKind.NATIONAL and Team.objects.filter(is_national=True).exclude(pk=self.instance.pk).exists():
            self.add_error("kind", _("Il existe déjà une équipe nationale."))
        return cleaned


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ("user",)


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    form = TeamForm
    list_display = ("name", "kind", "region", "departement", "active")
    list_filter = ("kind", "active")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("region", "departement", "communes")
    inlines = [MembershipInline]

    def has_delete_permission(self, request, obj=None):
        # A team with cases cannot be deleted anyway (PROTECT); the national one never.
        return super().has_delete_permission(request, obj) and not (obj and obj.is_national)


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "failed_login_count", "last_failed_login_at", "locked_until")
    search_fields = ("user__username",)
    readonly_fields = ("user", "failed_login_count", "last_failed_login_at")

    def has_add_permission(self, request):
        return False


@admin.register(LoginSource)
class LoginSourceAdmin(admin.ModelAdmin):
    """Sources blocked for an account: a keyed hash of the address, never the address."""

    list_display = ("user", "failed_login_count", "last_failed_login_at", "locked_until")
    search_fields = ("user__username",)
    readonly_fields = ("user", "source", "failed_login_count", "last_failed_login_at")

    def has_add_permission(self, request):
        return False


class LocalEntryForm(forms.ModelForm):
    class Meta:
        model = LocalEntry
        fields = "__all__"
        widgets = {
            "colour_primary": forms.TextInput(attrs={"type": "color"}),
            "colour_accent": forms.TextInput(attrs={"type": "color"}),
        }

    # The logo is checked by its content, as the instance's (one check: core.admin).
    clean_logo = InstanceSettingsForm.clean_logo


@admin.register(LocalEntry)
class LocalEntryAdmin(admin.ModelAdmin):
    """A team's own public entry (/l/<slug>/): reports and chats started there go to the team first."""

    form = LocalEntryForm
    list_display = ("name", "slug", "team", "active")
    list_filter = ("active",)
    search_fields = ("name", "slug", "team__name")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("team",)
