"""Form pieces of the place policy (geo.selectors.place_resolve), shared by every channel's form."""

from django import forms


class CommuneChoiceField(forms.ChoiceField):
    """The commune among a postal code's, offered as choices; any value reaches the policy
    (`place_resolve`), which says why a commune is refused, in the same words for the web form,
    the API and the call sheet."""

    def valid_value(self, value) -> bool:
        return True
