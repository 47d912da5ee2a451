from django.contrib import admin

from recours.core.admin_base import ReferenceDataAdmin as ReadOnlyAdmin
from recours.geo.models import Commune, Departement, PostalCode, Region


@admin.register(Region)
class RegionAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "active")
    search_fields = ("code", "name")


@admin.register(Departement)
class DepartementAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "region", "active")
    list_filter = ("region",)
    list_select_related = ("region",)
    search_fields = ("code", "name")


@admin.register(Commune)
class CommuneAdmin(ReadOnlyAdmin):
    list_display = ("insee_code", "name", "departement", "region", "latitude", "longitude", "active")
    list_filter = ("active", "region")
    list_select_related = ("departement", "region")
    search_fields = ("insee_code", "name", "search_name")
    ordering = ("insee_code",)
    show_full_result_count = False


@admin.register(PostalCode)
class PostalCodeAdmin(ReadOnlyAdmin):
    list_display = ("code", "commune")
    list_select_related = ("commune",)
    search_fields = ("code", "commune__name")
    ordering = ("code", "commune_id")
    show_full_result_count = False
