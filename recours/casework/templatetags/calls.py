"""Template tags of the phone call sheets: the case's calls panel and the queue's callbacks."""

from django import template
from django.utils import timezone

from recours.casework import calls
from recours.casework.selectors import cases_visible_to

register = template.Library()


@register.simple_tag
def case_call_panel(case) -> dict:
    return {"calls": calls.case_calls(case), "callbacks": calls.case_callbacks(case)}


@register.filter
def call_steps(call) -> list[tuple[str, str]]:
    """(step title, what was written) in the guide's order."""
    return [(step.title, call.steps[step.key]) for step in calls.CALL_STEPS if call.steps.get(step.key)]


@register.filter
def minutes(seconds: int) -> int:
    return max(1, round((seconds or 0) / 60))


@register.simple_tag
def callbacks_due(user) -> dict:
    """The callbacks of the user's teams due by tonight (overdue ones flagged), and how many."""
    end_of_day = timezone.localtime().replace(hour=23, minute=59, second=59)
    pending = calls.callbacks_pending(cases_visible_to(user))
    due = [c for c in pending if c.due_at <= end_of_day]
    now = timezone.now()
    for callback in due:
        callback.overdue = callback.due_at < now
    return {"due": due, "later": len(pending) - len(due), "overdue": sum(c.overdue for c in due)}
