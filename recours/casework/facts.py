"""Everything the person wrote about the facts, whatever the channel, as the case file shows it.

The web form and the API keep what is not a column of the case in `Case.details`
(`respondent`, `consequences`, `witnesses`, `person_informed`, `steps_detail`); the call sheet and the chat
add where the case came from (`call_scenario`, `chat_conversation`). Each key has its French
label here, once: the case file's "Ce que la personne a écrit" panel and the referral
file's first draft read them from this module. A key without a label is still shown (under
its name): nothing the person wrote is ever left out of the case file.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from recours.casework.models import CallScenario, Case, PersonInformed, StepTaken, Witnesses

DETAIL_LABELS = {
    "respondent": _("Qui est en cause"),
    "consequences": _("Conséquences"),
    "witnesses": _("Témoins"),
    "person_informed": _("La personne concernée sait-elle que ce signalement est fait ?"),
    "steps_detail": _("Précisions sur les démarches"),
    "call_scenario": _("Scénario de l'appel"),
    "chat_conversation": _("Conversation de tchat"),
}
# Markers of the platform, not of the person (demo data).
NOT_WRITTEN_BY_THE_PERSON = {"demo"}


def _detail_text(key: str, value) -> str:
    if key == "witnesses":
        return str(dict(Witnesses.choices).get(value, value))
    if key == "person_informed":
        return str(dict(PersonInformed.choices).get(value, value))
    if key == "call_scenario":
        return str(dict(CallScenario.choices).get(value, value))
    if key == "chat_conversation":
        return _("n° %(number)s (son texte est le récit ci-dessus)") % {"number": value}
    if isinstance(value, (list, tuple)):
        return "\n".join(str(item) for item in value)
    return str(value)


def steps_taken_labels(case: Case) -> list[str]:
    labels = dict(StepTaken.choices)
    return [str(labels.get(code, code)) for code in case.steps_taken or ()]


def case_facts(case: Case) -> list[dict]:
    """Rows for the summary_list component: each thing the person said, with its French label."""
    details = {k: v for k, v in (case.details or {}).items() if k not in NOT_WRITTEN_BY_THE_PERSON and v not in ("", None, [])}
    rows = []
    for key in ("respondent", "consequences", "witnesses", "person_informed"):
        if key in details:
            rows.append({"key": DETAIL_LABELS[key], "value": _detail_text(key, details.pop(key))})
    steps = steps_taken_labels(case)
    rows.append({"key": _("Démarches déjà faites"), "value": "\n".join(steps) or "—"})
    for key in ("steps_detail", "call_scenario", "chat_conversation"):
        if key in details:
            rows.append({"key": DETAIL_LABELS[key], "value": _detail_text(key, details.pop(key))})
    rows += [{"key": key, "value": _detail_text(key, value)} for key, value in sorted(details.items())]
    return rows
