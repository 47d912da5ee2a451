"""The legal answers in the admin, for operators (coordinators use the console's screens)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from recours.casework.answers import placeholders_check
from recours.casework.models import AnswerTemplate


class AnswerTemplateForm(forms.ModelForm):
    class Meta:
        model = AnswerTemplate
        fields = ["title", "topic", "team", "body", "active", "key"]

    def clean_body(self):
        body = self.cleaned_data["body"]
        try:
            placeholders_check(body)
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["body"]) from None
        return body


@admin.register(AnswerTemplate)
class AnswerTemplateAdmin(admin.ModelAdmin):
    form = AnswerTemplateForm
    list_display = ["title", "topic", "team", "active", "updated_at"]
    list_filter = ["topic", "active", "team"]
    search_fields = ["title", "body"]
