"""Text people type: refused when it cannot be stored (lone UTF-16 surrogates).

JSON may carry "\\ud800", a half of a character that UTF-8 cannot encode: stored,
it would fail in the encryption (core.crypto) or in any page that shows it. Forms
and the API check here, once, before anything is written. Bytes a browser sends
that are no UTF-8 are read by Django as replacement characters, so form posts
never carry one; the forms check anyway, since the API reuses them.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def invalid_text_message() -> str:
    return _("Ce texte contient un caractère invalide.")


def text_is_valid(value: str) -> bool:
    """True if the text can be encoded as UTF-8 (no lone surrogate)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def validate_text(value) -> None:
    """A field validator: French ValidationError for text that cannot be stored."""
    if isinstance(value, str) and not text_is_valid(value):
        raise ValidationError(invalid_text_message(), code="invalid_text")


def first_invalid_text(data, path: str = "") -> str | None:
    """The dotted path of the first string (or key) in JSON data that cannot be stored, or None."""
    if isinstance(data, str):
        return None if text_is_valid(data) else (path or "body")
    if isinstance(data, dict):
        for key, value in data.items():
            child = f"{path}.{key}" if path else str(key)
            if not text_is_valid(str(key)):
                return path or "body"
            found = first_invalid_text(value, child)
            if found:
                return found
    if isinstance(data, list):
        for index, value in enumerate(data):
            found = first_invalid_text(value, f"{path}.{index}" if path else str(index))
            if found:
                return found
    return None


class ValidTextFormMixin:
    """Every text field of the form refuses text that cannot be stored (mix in before forms.Form)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and validate_text not in field.validators:
                field.validators.append(validate_text)
