"""The audit trail: one place that records every read and change of a case, and its vocabulary.

`detail` must hold ids, codes and labels of the platform only — never what a person
wrote (narrative, messages, notes) nor their contact.

Vocabulary: every action recorded is declared once, with its French label, by the app that
records it, in the app's `audit.py` (`audit_action("case.view", _("Dossier consulté"))`),
found the way periodic jobs are (`autodiscover_modules`). The case history, the admin and
whoever else shows the trail read labels here (`audit_label`); a test reads every
`audit_record(...)` call of the code and fails on an action without a label.

Purge: when a case is purged, its events keep who, when and what, and lose the details
(criteria, domain, the service it was oriented to, ids of rows gone with the case...):
`audit_scrub_case` keeps only the detail keys the action declares as general (`kept=`, such
as a status before and after), and marks the event as purged.
"""

from __future__ import annotations

from dataclasses import dataclass

from recours.core.models import AuditEvent

PURGED_KEY = "purged"


@dataclass(frozen=True)
class AuditAction:
    code: str
    label: str  # a lazy translation, French
    kept: tuple[str, ...] = ()  # detail keys general enough to stay once the case is purged


ACTIONS: dict[str, AuditAction] = {}


def audit_action(code: str, label, *, kept: tuple[str, ...] = ()) -> AuditAction:
    """Declare an action of the trail with its French label (and the detail keys a purge keeps)."""
    action = AuditAction(code=code, label=label, kept=tuple(kept))
    ACTIONS[code] = action
    return action


def audit_actions() -> dict[str, AuditAction]:
    """Every declared action: the apps' `audit.py` modules, imported on first need."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("audit")
    return ACTIONS


def audit_label(code: str) -> str:
    """The French label of an action (the code itself if none was declared: a test forbids it)."""
    action = audit_actions().get(code)
    return str(action.label) if action else code


def audit_record(*, actor, action: str, case=None, **detail) -> AuditEvent:
    """Append one event; `case` is a case or its id (kept as a plain id, so purges keep the trail)."""
    case_id = getattr(case, "pk", case)
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(actor=user, action=action, case_id=case_id, detail=detail)


def audit_events_for_case(case) -> list[AuditEvent]:
    """The trail of one case, oldest first, with the actors."""
    return list(AuditEvent.objects.filter(case_id=getattr(case, "pk", case)).select_related("actor"))


def audit_scrub_case(*, case_id: int) -> int:
    """Generalise the trail of a purged case: who, when and the action stay; of the details, only
    the keys its action declares general (`kept`). Returns how many events were changed.

    The one exception to the trail being append-only, done by queryset updates (the model's
    save() refuses changes)."""
    actions = audit_actions()
    changed = 0
    for pk, action, detail in AuditEvent.objects.filter(case_id=case_id).values_list("pk", "action", "detail"):
        kept = actions[action].kept if action in actions else ()
        general = {key: value for key, value in (detail or {}).items() if key in kept}
        general[PURGED_KEY] = True
        if general != detail:
            changed += AuditEvent.objects.filter(pk=pk).update(detail=general)
    return changed
