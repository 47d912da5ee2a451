from django import forms
from django.utils.translation import gettext_lazy as _

from recours.taxonomy.selectors import domains_active, plain_grounds_active
from recours.taxonomy.translations import plain as taxonomy_plain
from recours.taxonomy.translations import text as taxonomy_text


class StartForm(forms.Form):
    """What the visitor gives before joining the queue: all of it optional but the place."""

    postal_code = forms.CharField(
        label=_("Votre code postal"), max_length=5,
        help_text=_("Même approximatif (par exemple les deux premiers chiffres) : il sert à vous mettre en relation avec l'équipe de votre territoire."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    ground = forms.ChoiceField(label=_("Pour quel motif, selon vous ? (facultatif)"), required=False)
    domain = forms.ChoiceField(label=_("Dans quel domaine ? (facultatif)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ground"].choices = [("", _("Je ne sais pas ou je préfère ne pas le dire"))] + [
            (g.code, taxonomy_text(g)) for g in plain_grounds_active()
        ]
        self.fields["domain"].choices = [("", _("Je ne sais pas ou je préfère ne pas le dire"))] + [
            (d.code, taxonomy_plain(d)) for d in domains_active()
        ]


class NoteForm(forms.Form):
    body = forms.CharField(label=_("Note interne (jamais montrée à la personne)"), widget=forms.Textarea(attrs={"rows": 3}))


class TransferForm(forms.Form):
    to = forms.ChoiceField(label=_("Transférer à"))

    def __init__(self, *args, users=(), teams=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [("", _("Choisissez"))] + [
            (_("Une personne de l'équipe"), [(f"user:{u.pk}", u.get_full_name() or u.username) for u in users]),
            (_("Une autre équipe"), [(f"team:{t.pk}", t.name) for t in teams]),
        ]
