from django.contrib import admin

from recours.chat.models import OpeningHours


@admin.register(OpeningHours)
class OpeningHoursAdmin(admin.ModelAdmin):
    """Teams' chat hours (Europe/Paris). A team with none uses RECOURS_CHAT_HOURS; public holidays are closed."""

    list_display = ("team", "weekday", "opens_at", "closes_at")
    list_filter = ("team", "weekday")
    list_select_related = ("team",)
