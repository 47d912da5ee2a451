"""Component templates, rendered as pages include them."""

from django import forms
from django.utils.safestring import mark_safe

from recours.theme.gallery import ExampleForm, form_in_error
from tests.theme.helpers import parse, render

FIELD = '{% include "components/field.html" with field=field label=label hint=hint label_class=label_class width=width %}'
GROUP = '{% include "components/choice_group.html" with field=field legend=legend hints=hints legend_class=legend_class %}'


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        label="Qui êtes-vous ?",
        widget=forms.RadioSelect,
        choices=[("victime", "La personne concernée"), ("temoin", "Un témoin")],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choice_hints = {"temoin": "Vous avez vu ce qui est arrivé."}


def test_a_field_is_labelled_and_described_by_its_hint():
    page = parse(render(FIELD, field=ExampleForm()["email"]))
    assert page.find_all("label", for_="id_email")
    assert page.by_id("id_email-hint")
    widget = page.by_id("id_email")
    assert widget["aria-describedby"] == "id_email-hint"
    assert "aria-invalid" not in widget


def test_a_field_in_error_is_described_by_its_error_message():
    form = form_in_error()
    page = parse(render(FIELD, field=form["email"]))
    widget = page.by_id("id_err-email")
    assert widget["aria-describedby"] == "id_err-email-hint id_err-email-error"
    assert widget["aria-invalid"] == "true"
    assert "Erreur : Saisissez une adresse de courriel valide." in page.plain_text
    assert page.by_id("id_err-email-error")


def test_a_field_without_hint_in_error_is_described_by_its_error_only():
    page = parse(render(FIELD, field=form_in_error()["domain"]))
    assert page.by_id("id_err-domain")["aria-describedby"] == "id_err-domain-error"


def test_a_field_label_and_hint_can_be_replaced():
    page = parse(render(FIELD, field=ExampleForm()["age"], label="Âge", hint="En années."))
    assert "Âge" in page.plain_text and "En années." in page.plain_text
    assert page.by_id("id_age")["aria-describedby"] == "id_age-hint"


def test_a_field_label_can_be_the_page_heading_or_hidden():
    heading = render(FIELD, field=ExampleForm()["name"], label_class="heading")
    assert '<h1 class="label-heading"><label class="label" for="id_name">' in heading
    hidden = parse(render(FIELD, field=ExampleForm()["name"], label_class="visually-hidden"))
    assert "visually-hidden" in hidden.find_all("label")[0]["class"]


def test_a_field_width_is_a_class():
    assert "input--short" in parse(render(FIELD, field=ExampleForm()["postal_code"], width="short")).by_id("id_postal_code")["class"]


def test_a_widget_keeps_its_own_description_and_class():
    class Form(forms.Form):
        code = forms.CharField(widget=forms.TextInput(attrs={"aria-describedby": "elsewhere", "class": "mono"}))

    widget = parse(render(FIELD, field=Form()["code"], width="short")).by_id("id_code")
    assert widget["aria-describedby"] == "elsewhere"
    assert widget["class"] == "mono input--short"


def test_a_textarea_counter_exists_only_for_javascript_and_enforces_nothing():
    page = parse(render(FIELD, field=ExampleForm()["narrative"]))
    counter = page.find_all("div", data_module="char-count")[0]
    assert "hidden" in counter and counter["data-for"] == "id_narrative"
    assert page.find_all("p", aria_live="polite")
    assert "maxlength" not in page.by_id("id_narrative")


def test_a_choice_group_is_a_fieldset_with_its_legend_and_error():
    page = parse(render(GROUP, field=form_in_error()["role"]))
    fieldset = page.find_all("fieldset")[0]
    assert fieldset["aria-describedby"] == "id_err-role-error"
    assert "Qui êtes-vous dans cette situation ?" in page.plain_text
    assert "Erreur : Indiquez qui vous êtes dans cette situation." in page.plain_text


def test_each_option_has_its_own_label():
    page = parse(render(GROUP, field=RoleForm()["role"]))
    assert page.by_id("id_role_0")["type"] == "radio"
    assert page.find_all("label", for_="id_role_0") and page.find_all("label", for_="id_role_1")


def test_an_option_is_described_by_the_hint_the_form_gave_it():
    page = parse(render(GROUP, field=RoleForm()["role"]))
    assert page.by_id("id_role_1")["aria-describedby"] == "id_role_1-hint"
    assert page.by_id("id_role_1-hint")
    assert "aria-describedby" not in page.by_id("id_role_0")


def test_an_option_hint_can_come_from_the_page():
    page = parse(render(GROUP, field=RoleForm()["role"], hints={"victime": "Cela vous est arrivé."}))
    assert page.by_id("id_role_0")["aria-describedby"] == "id_role_0-hint"
    assert "Cela vous est arrivé." in page.plain_text


def test_a_choice_group_legend_can_be_the_page_heading():
    html = render(GROUP, field=RoleForm()["role"], legend_class="heading")
    assert '<legend class="fieldset__legend fieldset__legend--heading"><h1 class="fieldset__heading">Qui êtes-vous ?</h1></legend>' in html


def test_the_error_summary_links_each_error_to_its_field():
    page = parse(render('{% include "components/error_summary.html" with form=form %}', form=form_in_error()))
    summary = page.find_all("div", data_module="error-summary")[0]
    assert summary["role"] == "alert" and summary["tabindex"] == "-1"
    hrefs = [a["href"] for a in page.find_all("a")]
    assert "#id_err-email" in hrefs
    assert "#id_err-role_0" in hrefs  # the first option of a group
    assert "Il y a un problème" in page.plain_text
    assert "Exemple d'erreur qui ne concerne pas un champ précis." in page.plain_text


def test_the_error_summary_is_absent_when_there_is_no_error():
    assert render('{% include "components/error_summary.html" with form=form %}', form=ExampleForm()).strip() == ""


def test_the_title_prefix_says_there_is_an_error():
    source = "{% load theme %}{% error_title_prefix form %}Le lieu"
    assert render(source, form=form_in_error()) == "Erreur : Le lieu"
    assert render(source, form=ExampleForm()) == "Le lieu"


def test_a_button_submits_by_default_and_a_link_variant_stays_a_button():
    html = render('{% include "components/button.html" with label="Continuer" name="action" value="next" %}').strip()
    assert html == '<button type="submit" class="button button--primary" name="action" value="next">Continuer</button>'
    html = render('{% include "components/button.html" with label="Retirer" variant="link" value=0 formnovalidate=True %}').strip()
    assert html == '<button type="submit" class="link-button" value="0" formnovalidate>Retirer</button>'


def test_a_button_with_href_is_a_link():
    html = render('{% include "components/button.html" with label="Signaler" href="/formulaire/" variant="secondary" %}').strip()
    assert html == '<a href="/formulaire/" class="button button--secondary">Signaler</a>'


def test_alerts_have_the_role_of_their_type():
    def alert(kind):
        return parse(render('{% include "components/alert.html" with type=kind title="Titre" message="<b>texte</b>" %}', kind=kind))

    assert alert("error").find_all("div")[0]["role"] == "alert"
    assert alert("success").find_all("div")[0]["role"] == "status"
    assert "role" not in alert("info").find_all("div")[0]
    assert "Erreur : Titre" in alert("error").plain_text
    assert "&lt;b&gt;texte&lt;/b&gt;" in render('{% include "components/alert.html" with message=text %}', text="<b>texte</b>")
    assert "<b>texte</b>" in render('{% include "components/alert.html" with message_html=html %}', html=mark_safe("<b>texte</b>"))


def test_the_stepper_says_where_the_person_is():
    page = parse(render('{% include "components/stepper.html" with current=2 total=9 title="Ce qui s\'est passé" next_title="Le lieu" %}'))
    assert "Étape 2 sur 9 Ce qui s'est passé" in page.plain_text
    assert "Étape suivante : Le lieu" in page.plain_text
    bar = page.find_all("progress")[0]
    assert (bar["value"], bar["max"]) == ("2", "9")


def test_the_summary_list_actions_are_post_buttons_with_a_full_name():
    rows = [{"key": "Le lieu", "value": "44000\nNantes", "action_label": "Modifier", "action_name": "goto",
             "action_value": "where", "action_hidden": "le lieu"}]
    html = render('{% include "components/summary_list.html" with rows=rows %}', rows=rows)
    page = parse(html)
    button = page.find_all("button")[0]
    assert (button["type"], button["name"], button["value"]) == ("submit", "goto", "where")
    assert "Modifier le lieu" in page.plain_text
    assert "44000<br>Nantes" in html


def test_optional_url_is_empty_for_a_route_that_does_not_exist():
    assert render("{% load theme %}[{% optional_url 'nowhere:page' %}]") == "[]"
    assert render("{% load theme %}{% optional_url 'theme:home' %}") == "/"
