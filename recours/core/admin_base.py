from django.contrib import admin


class ReferenceDataAdmin(admin.ModelAdmin):
    """Reference data comes from versioned data files (load_taxonomy, load_geo), never from hand edits."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
