"""Template tag of the case file's "Ce que la personne a écrit" panel (casework/facts.py)."""

from django import template

from recours.casework.facts import case_facts as _case_facts

register = template.Library()


@register.simple_tag
def case_facts(case) -> list[dict]:
    return _case_facts(case)
