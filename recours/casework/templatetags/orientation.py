"""The orientations of a case, for the panels that show them (case file, follow-up page)."""

from django import template

from recours.casework.selectors import orientations_for_case

register = template.Library()


@register.simple_tag
def case_orientations(case):
    return orientations_for_case(case)
