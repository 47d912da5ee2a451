"""The collective treatment in the console: its navigation entry and its panel on the case file
(data read by recours.console.nav and recours.console.panels)."""

from django.utils.translation import gettext_lazy as _


def respondent_panel(case, user) -> dict:
    """The respondents of the case, their repeat signals and the forms to link or create one."""
    from recours.collective import selectors
    from recours.collective.forms import RespondentCreateForm, RespondentSearchForm

    from django.urls import reverse

    respondents = selectors.respondents_of_case(case)
    search_form = RespondentSearchForm()
    # As you type (htmx): the results of the no-script search page, put under the field.
    search_form.fields["q"].widget.attrs.update({
        "hx-get": reverse("collective:case_respondents", args=[case.reference]),
        "hx-trigger": "input changed delay:250ms, search", "hx-target": "#respondent-results",
    })
    return {
        "respondents": respondents,
        "signals": selectors.repeat_signals(case, user, respondents=respondents),
        "search_form": search_form,
        "create_form": RespondentCreateForm(),
    }


def coordinates_a_team(user) -> bool:
    from recours.accounts.selectors import teams_managed_by

    return teams_managed_by(user).exists()


CONSOLE_ENTRIES = (
    {"section": "collective", "label": _("Traitement collectif"), "url_name": "collective:files", "order": 50},
)

CASE_PANELS = (
    {"template": "collective/case_panel.html", "context": respondent_panel, "order": 10},
)
