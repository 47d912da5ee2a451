"""The theme's select renders what Django's does (but blanks between tags), without a template per option."""

import re

from django import forms

from recours.theme.widgets import Select


class Choices(forms.Form):
    plain = forms.ChoiceField(choices=[("", "Tous"), ("a", "Ä & <b>"), ("2", "Deux")], required=False)
    grouped = forms.ChoiceField(choices=[("Groupe « 1 »", [("x", "X"), ("y", "Y")]), ("z", "Z")], required=False)


def _render(widget_class, data):
    form = Choices(data)
    for field in form.fields.values():
        field.widget = widget_class(attrs={"class": "c"}, choices=field.widget.choices)
    return [re.sub(r">\s+<", "><", str(form[name])) for name in ("plain", "grouped")]


def test_the_theme_select_renders_the_same_markup_as_djangos():
    for data in ({}, {"plain": "a", "grouped": "y"}, {"plain": "", "grouped": "z"}):
        assert _render(Select, data) == _render(forms.Select, data)
