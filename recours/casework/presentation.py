"""What the case file shows, shaped for its templates: rows of summary lists, the history.

Reads only (no write, no audit): the views call these and render. Labels come from the
models' choices and from the audit vocabulary (`core.audit.audit_label`).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from recours.accounts.models import Team
from recours.casework.models import Outcome, Period, RespondentKind, Status
from recours.casework.selectors import QueueView
from recours.core.audit import audit_events_for_case, audit_label

CONTACT_LABELS = {
    "name": gettext_lazy("Nom ou prénom"),
    "email": gettext_lazy("Courriel"),
    "phone": gettext_lazy("Téléphone"),
    "best_time": gettext_lazy("Moment préféré pour être appelé·e"),
}


def display_name(user) -> str:
    if user is None:
        return _("système")
    return user.get_full_name() or user.get_username()


def case_rows(case) -> list[dict]:
    if case.online:
        where = _("En ligne")
    elif case.commune_id:
        where = f"{case.commune.name} ({case.postal_code})" if case.postal_code else case.commune.name
    elif case.postal_code:
        # A code of several communes, none chosen (geo.selectors.place_resolve): the code and its département.
        where = f"{case.postal_code} ({case.departement_id})" if case.departement_id else case.postal_code
    else:
        where = _("Non précisé")
    if case.occurred_on:
        when = case.occurred_on.strftime("%d/%m/%Y")
    elif case.occurred_period:
        when = Period(case.occurred_period).label
    else:
        when = _("Non précisé")
    grounds = ", ".join(ground.label for ground in case.plain_grounds.all())
    if case.grounds_unknown:
        grounds = ", ".join(filter(None, [grounds, _("La personne ne sait pas")]))
    criteria = "\n".join(f"{criterion.label} — {criterion.legal_source}" for criterion in case.reported_criteria.all())
    return [
        {"key": _("Référence"), "value": case.reference},
        {"key": _("Canal"), "value": case.get_channel_display()},
        {"key": _("Reçu le"), "value": timezone.localtime(case.created_at).strftime("%d/%m/%Y %H:%M")},
        {"key": _("Équipe"), "value": case.team.name if case.team else "—"},
        {"key": _("Attribué à"), "value": display_name(case.assigned_to) if case.assigned_to else _("Personne")},
        {"key": _("Qualité de la personne"), "value": case.reporter_role.label},
        {"key": _("Lieu"), "value": where},
        {"key": _("Date des faits"), "value": when},
        {"key": _("Motifs selon la personne"), "value": grounds or "—"},
        {"key": _("Critères correspondants et source légale"), "value": criteria or "—"},
        {"key": _("Domaine"), "value": case.domain.label if case.domain else "—"},
    ]


def contact_rows(case) -> list[dict]:
    contact = case.contact or {}
    rows = [{"key": CONTACT_LABELS.get(key, key), "value": value} for key, value in contact.items() if value]
    if rows:
        rows.append(
            {"key": _("Prévenir par courriel"), "value": _("Oui") if case.notify_by_email else _("Non")}
        )
    return rows


def case_timeline(case) -> list[dict]:
    """Every event of the case, oldest first, from the audit trail (who and when)."""
    status_labels = dict(Status.choices)
    outcome_labels = dict(Outcome.choices)
    events = audit_events_for_case(case)
    team_ids = {event.detail.get(key) for event in events for key in ("from_team", "to_team") if event.detail.get(key)}
    team_names = dict(Team.objects.filter(pk__in=team_ids).values_list("pk", "name"))
    entries = []
    for event in events:
        label = audit_label(event.action)
        if event.action == "case.status":
            label = _("Statut modifié : %(before)s → %(after)s") % {
                "before": status_labels.get(event.detail.get("before"), "?"),
                "after": status_labels.get(event.detail.get("after"), "?"),
            }
            if event.detail.get("outcome"):
                label += " — " + _("issue : %(outcome)s") % {"outcome": outcome_labels.get(event.detail["outcome"], "?")}
            if event.detail.get("reopened"):
                label += " — " + _("dossier rouvert")
        elif event.action in ("case.transfer", "advice.ask"):
            label += " : " + " → ".join(
                filter(None, [team_names.get(event.detail.get("from_team")), team_names.get(event.detail.get("to_team"), "?")])
            )
        entries.append({"at": event.at, "actor": display_name(event.actor), "label": label, "action": event.action})
    return entries


def qualification_initial(case, qualification) -> dict:
    if qualification is None:
        # Start from what the person reported: the adviser confirms or corrects it.
        return {
            "criteria": [criterion.pk for criterion in case.reported_criteria.all()],
            "domain": case.domain_id or "",
        }
    return {
        "criteria": [criterion.pk for criterion in qualification.criteria.all()],
        "related_situations": [situation.pk for situation in qualification.related_situations.all()],
        "domain": qualification.domain_id or "",
        "situation_type": qualification.situation_type_id or "",
        "respondent_kind": qualification.respondent_kind,
        "reasoning": qualification.reasoning,
    }


def qualification_rows(qualification) -> list[dict]:
    if qualification is None:
        return []
    criteria = "\n".join(f"{criterion.label} — {criterion.legal_source}" for criterion in qualification.criteria.all())
    situations = ", ".join(situation.label for situation in qualification.related_situations.all())
    return [
        {"key": _("Critères et source légale"), "value": criteria or "—"},
        {"key": _("Situations connexes"), "value": situations or "—"},
        {"key": _("Domaine"), "value": qualification.domain.label if qualification.domain else "—"},
        {"key": _("Type de situation"), "value": qualification.situation_type.label if qualification.situation_type else "—"},
        {"key": _("Mis en cause"), "value": RespondentKind(qualification.respondent_kind).label if qualification.respondent_kind else "—"},
        {"key": _("Analyse juridique"), "value": qualification.reasoning or "—"},
        {"key": _("Qualifié"), "value": _("le %(date)s par %(name)s") % {
            "date": timezone.localtime(qualification.qualified_at).strftime("%d/%m/%Y %H:%M"),
            "name": display_name(qualification.qualified_by),
        }},
    ]


# A case waiting for an answer longer than this is flagged "en retard" in the queue.
QUEUE_OVERDUE = dt.timedelta(days=3)


def queue_rows(cases, *, now) -> list:
    """The queue's cases, each with what tells it apart at a glance — all from columns the queue
    reads anyway or from two small queries for the page, never a narrative nor a message:

      waited         how long it has waited (None when it waits for nobody)
      grounds        the grounds in plain words (the report form's words for its criteria,
                     reported or qualified: `criteria_key`), else the criteria's labels
      person_last    the person wrote last (a message of theirs not yet answered)
      respondent     who is in cause (the qualification's kind), when known
      overdue, callback_due, advice_pending   the badges
    """
    from recours.casework.models import AdviceRequest, Qualification, ScheduledCall
    from recours.taxonomy.selectors import criteria_active, plain_grounds_active

    ids = [case.pk for case in cases]
    callbacks = set(ScheduledCall.objects.filter(
        case_id__in=ids, due_at__lte=now, done_at__isnull=True, cancelled_at__isnull=True
    ).values_list("case_id", flat=True)) if ids else set()
    advice = set(AdviceRequest.objects.filter(case_id__in=ids, answered_at__isnull=True)
                 .values_list("case_id", flat=True)) if ids else set()
    # Read apart rather than joined into the queue's query: a join could make the planner leave
    # the queue's index (it walks it in order and stops at a page).
    kinds = dict(Qualification.objects.filter(case_id__in=ids).exclude(respondent_kind="")
                 .values_list("case_id", "respondent_kind")) if ids else {}
    plain: dict[str, str] = {}
    for ground in plain_grounds_active():
        for criterion in ground.criteria.all():
            plain.setdefault(criterion.pk, ground.label)
    labels = {criterion.pk: criterion.label for criterion in criteria_active()}
    respondents = dict(RespondentKind.choices)
    for case in cases:
        case.waited = (now - case.waiting_since) if case.waiting_since else None
        codes = [code for code in (case.criteria_key or "").split("|") if code]
        case.grounds = list(dict.fromkeys(plain.get(code) or labels.get(code, code) for code in codes))
        case.person_last = bool(case.last_person_message_at) and (
            case.last_adviser_message_at is None or case.last_person_message_at > case.last_adviser_message_at
        )
        case.respondent_label = respondents.get(kinds.get(case.pk, ""), "")
        case.overdue = case.waited is not None and case.waited > QUEUE_OVERDUE
        case.callback_due = case.pk in callbacks
        case.advice_pending = case.pk in advice
    return cases


def queue_tabs(counts: dict, *, current: str) -> list[dict]:
    """The queue's views as tabs, with their counts; `current` is the one shown."""
    return [
        {"key": key, "label": label, "count": counts[key], "current": key == current}
        for key, label in QueueView.LABELS.items()
    ]


def queue_pages(query, *, page: int, has_next: bool) -> dict[str, str]:
    """The query strings of the previous and next pages (the filters kept), those that exist."""
    pages = {}
    for key, number in (("previous", page - 1 if page > 1 else None), ("next", page + 1 if has_next else None)):
        if number:
            params = query.copy()
            params["page"] = str(number)
            pages[key] = params.urlencode()
    return pages
