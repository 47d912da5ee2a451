"""Template tags for the component templates: `{% load theme %}`.

They exist because a widget renders its own attributes: a component cannot add
`aria-describedby` or `aria-invalid` to a Django widget with template syntax
alone. Pages mostly need `optional_url` and `error_title_prefix`.
"""

from django import template
from django.forms import CheckboxSelectMultiple, RadioSelect
from django.forms.utils import flatatt
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


def _join_ids(*values) -> str:
    ids = []
    for value in values:
        for item in str(value or "").split():
            if item not in ids:
                ids.append(item)
    return " ".join(ids)


WIDTHS = {"short", "medium", "full"}


def _describedby_ids(field, hint="", extra="") -> str:
    ids = []
    if field.auto_id and hint:
        ids.append(f"{field.auto_id}-hint")
    if field.auto_id and field.errors:
        ids.append(f"{field.auto_id}-error")
    return _join_ids(*ids, extra)


@register.simple_tag
def describedby_ids(field, hint="", extra="") -> str:
    """The ids that describe a field or a fieldset: "<id>-hint" (if `hint`), "<id>-error" (if in error)."""
    return _describedby_ids(field, hint, extra)


@register.simple_tag
def render_widget(field, describedby="", invalid=None, hint="", width="", extra_class="", **attrs):
    """Render a bound field's widget with the accessibility attributes of the component.

    `{% render_widget field hint=the_hint width="short" %}` describes the widget by
    "<id>-hint" (when `hint` is truthy) and "<id>-error" (when the field is in
    error), then by the ids in `describedby`; `aria-invalid="true"` is set when
    the field is in error (or `invalid` is true). Extra keyword arguments become
    attributes, underscores turning into dashes (`data_maxlength=200`). The
    widget's own `aria-describedby` and `class` are kept and extended.
    """
    widget_attrs = field.field.widget.attrs
    final = {key.replace("_", "-"): value for key, value in attrs.items() if value not in (None, "")}
    ids = _describedby_ids(field, hint, _join_ids(describedby, widget_attrs.get("aria-describedby")))
    if ids:
        final["aria-describedby"] = ids
    if invalid or (invalid is None and field.errors):
        final["aria-invalid"] = "true"
    css = _join_ids(widget_attrs.get("class"), f"input--{width}" if width in WIDTHS else "", extra_class)
    if css:
        final["class"] = css
    return field.as_widget(attrs=final)


@register.simple_tag
def render_choice(option, describedby=""):
    """Render one radio or checkbox of a RadioSelect/CheckboxSelectMultiple as a bare input.

    `option` is an item of `{% for option in field %}` (a BoundWidget). The
    label is written by the component, so the input is rendered without it. The
    markup is Django's input.html, written here rather than through the form
    renderer: a page with long lists of options (the case file's qualification)
    spent much of its time in one template render per option.
    """
    data = option.data
    attrs = {key: value for key, value in (data.get("attrs") or {}).items() if value is not None}
    describedby = _join_ids(describedby, attrs.get("aria-describedby"))
    if describedby:
        attrs["aria-describedby"] = describedby
    value = data.get("value")
    return format_html(
        '<input type="{}" name="{}"{}{}>', data["type"], data["name"],
        format_html(' value="{}"', str(value)) if value is not None else "", flatatt(attrs),
    )


@register.simple_tag
def choice_hint(field, value, hints=None):
    """The hint of one option: from `hints` (a dict given to the component) or the field's `choice_hints`.

    `{% choice_hint field option.data.value hints as hint %}`
    """
    value = "" if value is None else str(value)
    for source in (hints, getattr(field.field, "choice_hints", None)):
        if isinstance(source, dict):
            for key, text in source.items():
                if str(key) == value and text:
                    return text
    return ""


@register.filter
def has_choice_hints(field, hints=None) -> bool:
    """Whether any option of the field has a hint (to describe inputs only when needed)."""
    return bool(hints) or bool(getattr(getattr(field, "field", None), "choice_hints", None))


@register.simple_tag
def field_anchor(field) -> str:
    """The id an error link should point at: the widget itself, or the first option of a group."""
    if isinstance(field.field.widget, (RadioSelect, CheckboxSelectMultiple)):
        return f"{field.auto_id}_0" if field.auto_id else ""
    return field.id_for_label or field.auto_id or ""


@register.simple_tag
def field_maxlength(field) -> str:
    """The counter limit of a textarea: its `data-maxlength`, else the field's `max_length`, else ""."""
    value = field.field.widget.attrs.get("data-maxlength") or getattr(field.field, "max_length", None)
    return str(value) if value else ""


@register.simple_tag
def optional_url(name, *args, **kwargs) -> str:
    """`reverse()` that gives "" instead of failing when the route does not exist (yet)."""
    try:
        return reverse(name, args=args or None, kwargs=kwargs or None)
    except NoReverseMatch:
        return ""


@register.simple_tag
def error_title_prefix(form) -> str:
    """"Erreur : " when the form has errors, for the start of the page's <title>.

    `{% block title %}{% error_title_prefix form %}{{ title }}{% endblock %}`
    """
    if form is not None and getattr(form, "is_bound", False) and form.errors:
        return _("Erreur :") + " "
    return ""


@register.simple_tag(takes_context=True)
def aria_current(context, url) -> str:
    """` aria-current="page"` when `url` is the current page (for navigation links)."""
    request = context.get("request")
    if request is not None and url and request.path == url:
        return mark_safe(' aria-current="page"')
    return ""


@register.filter
def split_lines(value):
    """Lines of a text, for values whose newlines must show as line breaks."""
    return str(value or "").splitlines()


@register.filter
def tel_href(value) -> str:
    """A phone number as written ("01 23 45 67 89") made fit for a tel: link ("0123456789")."""
    return "".join(ch for ch in str(value or "") if ch.isdigit() or ch == "+")


@register.simple_tag(takes_context=True)
def neutral_url(context) -> str:
    """The quick exit's destination: the instance's neutral site, if it is an http(s) address."""
    from recours.core.models import InstanceSettings

    default = InstanceSettings._meta.get_field("neutral_site_url").default
    instance = context.get("instance")
    url = str(getattr(instance, "neutral_site_url", "") or "")
    return url if url.lower().startswith(("https://", "http://")) else default


# The easy-read (FALC) version of a public page, by the page's route (recours.rights serves them).
EASY_READ_OF = {
    "theme:home": "accueil", "intake:report": "signaler", "intake:followup": "suivi",
    "theme:safe_browsing": "quitter", "rights:list": "droits", "rights:detail": "droits",
}


@register.simple_tag(takes_context=True)
def easy_read_url(context) -> str:
    """The address of the easy-read version of the current page (or of the service's home in
    easy-read); "" when the easy-read pages are not installed. The footer links it on every page."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match else ""
    if view_name == "rights:easy":
        return ""  # already there: the page lists the others
    return optional_url("rights:easy", EASY_READ_OF.get(view_name, "accueil"))
