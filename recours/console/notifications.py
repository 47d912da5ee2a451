"""What the console tells an adviser on every page: numbers only, computed by the apps.

`poll_for(user)` is what console/notifications.js reads every few seconds (and the navigation
shows at page load, so that without JavaScript the numbers are still there): the count of each
navigation entry that has one (recours.console.nav) and the alerts, the events an adviser
should notice while working on something else:

  messages          a person wrote on one of my cases (the person wrote last)
  chats             chats waiting in my teams
  callbacks         callbacks due by now, for me or for anyone of the team
  advice_answered   advice I asked for, answered within the last day

Every number comes from the apps' selectors, which start from the user's own teams
(casework.selectors.cases_visible_to, chat.selectors.waiting_count): no other team's case counts.
"""

from __future__ import annotations

from recours.console.nav import console_counts

# Alert -> the navigation section whose count it is.
ALERT_SECTIONS = {"messages": "mine", "chats": "chat", "callbacks": "callbacks"}


def poll_for(user) -> dict:
    from recours.casework.selectors import advice_answered_count

    counts = console_counts(user)
    alerts = {alert: counts.get(section, 0) for alert, section in ALERT_SECTIONS.items()}
    alerts["advice_answered"] = advice_answered_count(user)
    return {"counts": counts, "alerts": alerts, "total": sum(alerts.values())}


def day_for(user) -> dict:
    """The console home's numbers for the day (the lists come from the apps' template tags)."""
    return poll_for(user)
