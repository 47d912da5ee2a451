"""Form widgets of the theme."""

from django import forms


class Select(forms.Select):
    """A select whose options are rendered inline (Django includes a template per option)."""

    template_name = "theme/widgets/select.html"
