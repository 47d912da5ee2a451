"""Phone call sheets: an incoming call recorded as a case, step by step, and follow-up calls.

The steps and scenarios follow a city discrimination line's call guide: scenario 1, the
caller is the victim (listen, inform, support, orient); 1 bis, a relative or a professional
shares what someone else faces; 2, a witness reveals a situation or a risk (thank them,
record it, say how it feeds the observatory). What the adviser writes at each step is
encrypted (`PhoneCall.steps`); the case's narrative is the "problem and needs" step.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recours.casework.models import (
    Case,
    CallDirection,
    CallScenario,
    Channel,
    PhoneCall,
    ScheduledCall,
)
from recours.core.audit import audit_record

MAX_CALL_MINUTES = 600


@dataclass(frozen=True)
class CallStep:
    key: str
    title: str
    guidance: dict  # scenario -> what to say or ask at this step


CALL_STEPS = (
    CallStep("introduction", _("Introduction"), {
        "*": _("Présentez le service et vous-même (prénom), dites que l'appel est gratuit et confidentiel, "
               "et que la personne peut rester anonyme."),
    }),
    CallStep("caller", _("Qui appelle"), {
        CallScenario.VICTIM: _("La personne appelle pour elle-même : demandez comment l'appeler (un prénom suffit)."),
        CallScenario.ON_BEHALF: _("Un proche ou un·e professionnel·le : son lien avec la personne concernée, "
                                  "et si celle-ci sait qu'il ou elle appelle."),
        CallScenario.WITNESS: _("Un témoin : ce qu'il ou elle a vu ou entendu, et sa place dans la situation."),
    }),
    CallStep("problem", _("Le problème et les besoins"), {
        "*": _("Laissez raconter avec ses mots : quoi, quand, où, qui. Puis demandez ce que la personne attend "
               "de l'appel."),
    }),
    CallStep("support", _("Écoute, information, soutien"), {
        CallScenario.VICTIM: _("Reformulez, nommez le motif possible, informez sur les droits et les délais, "
                               "conseillez de garder les preuves."),
        CallScenario.ON_BEHALF: _("Informez sur les droits de la personne concernée et sur ce que l'appelant·e "
                                  "peut faire pour l'aider, sans agir à sa place."),
        CallScenario.WITNESS: _("Remerciez. Expliquez que le signalement est consigné anonymement et nourrit "
                                "l'observatoire des discriminations ; dites ce qu'un témoignage peut apporter."),
    }),
    CallStep("orientation", _("Orientation"), {
        "*": _("Proposez une structure adaptée (annuaire du dossier), avec l'accord de la personne pour "
               "transmettre ; donnez le contact."),
    }),
    CallStep("closing", _("Clôture"), {
        "*": _("Résumez ce qui a été dit et la suite ; donnez le code de suivi si un dossier est créé ; "
               "proposez un rappel si utile."),
    }),
)
STEP_KEYS = tuple(step.key for step in CALL_STEPS)
ROLE_OF_SCENARIO = {CallScenario.VICTIM: "victime", CallScenario.WITNESS: "temoin"}
ROLES_ON_BEHALF = ("tiers", "professionnel")


@dataclass(frozen=True)
class CallbackPlan:
    """The next call to make, noted on a call sheet (see `callback_schedule`)."""

    due_at: dt.datetime
    reason: str = ""
    assigned_to: object = None  # a user of the case's team, or None: the team


def step_guidance(scenario: str) -> list[dict]:
    """The steps with the guidance for this scenario (the general one when none is specific)."""
    return [
        {"key": step.key, "title": step.title, "guidance": step.guidance.get(scenario) or step.guidance.get("*", "")}
        for step in CALL_STEPS
    ]


def _duration(started_at: dt.datetime, ended_at: dt.datetime, minutes: int | None) -> int:
    if minutes is not None:
        if not 0 < minutes <= MAX_CALL_MINUTES:
            raise ValidationError({"duration_minutes": _("Indiquez une durée entre 1 et 600 minutes.")})
        return minutes * 60
    return max(0, int((ended_at - started_at).total_seconds()))


def _steps_clean(steps: dict) -> dict:
    return {key: (steps.get(key) or "").strip() for key in STEP_KEYS if (steps.get(key) or "").strip()}


def call_sheet_create_case(
    *, scenario: str, steps: dict, actor, started_at: dt.datetime, duration_minutes: int | None = None,
    caller_role: str = "", postal_code: str = "", commune: str | None = None, criteria: tuple = (),
    domain: str | None = None, period: str = "", contact: dict | None = None, next_callback: CallbackPlan | None = None,
) -> tuple[Case, str, PhoneCall]:
    """An incoming call becomes a case (channel phone), routed like a web report, with the
    next call if one is planned: all of it, or nothing (a retry makes no twin). Returns the
    case, its receipt (to read out once: only its hash is kept) and the call sheet.

    The receipt is issued (and slowly hashed) before the transaction opens."""
    from recours.casework.services import ReportInput, case_create_from_report, receipt_issue

    errors = {}
    if scenario not in CallScenario.values:
        errors["scenario"] = _("Choisissez le scénario de l'appel.")
    steps = _steps_clean(steps)
    if not steps.get("problem"):
        errors["step_problem"] = _("Notez le problème et les besoins : c'est le récit du dossier.")
    role = ROLE_OF_SCENARIO.get(scenario) or (caller_role if caller_role in ROLES_ON_BEHALF else "")
    if scenario == CallScenario.ON_BEHALF and not role:
        errors["caller_role"] = _("Précisez si c'est un proche ou un·e professionnel·le.")
    if errors:
        raise ValidationError(errors)
    ended_at = timezone.now()
    seconds = _duration(started_at, ended_at, duration_minutes)
    contact = {k: v.strip() for k, v in (contact or {}).items() if v and v.strip()}
    report = ReportInput(
        role=role, narrative=steps["problem"], postal_code=postal_code or "", commune=commune or None,
        criteria=tuple(criteria), domain=domain or None, period=period or "", contact=contact,
        grounds_unknown=not criteria, details={"call_scenario": scenario},
    )
    issued = receipt_issue()
    with transaction.atomic():
        case, receipt = case_create_from_report(report=report, channel=Channel.PHONE, receipt=issued)
        call = PhoneCall.objects.create(
            case=case, direction=CallDirection.INCOMING, scenario=scenario, adviser=actor, started_at=started_at,
            ended_at=ended_at, duration_seconds=seconds, steps=steps,
        )
        audit_record(actor=actor, action="call.record", case=case, call=call.pk, scenario=scenario, new_case=True)
        if next_callback is not None:
            callback_schedule(case=case, plan=next_callback, actor=actor)
    return case, receipt, call


@transaction.atomic
def call_record(
    *, case: Case, actor, scenario: str, steps: dict, direction: str = CallDirection.INCOMING,
    started_at: dt.datetime | None = None, duration_minutes: int | None = None, callback: ScheduledCall | None = None,
    next_callback: CallbackPlan | None = None,
) -> PhoneCall:
    """A call on an existing case (the person calls again, or we call back); a callback it
    answers is marked done; the next call, if planned, is scheduled (all of it, or nothing)."""
    if scenario not in CallScenario.values:
        raise ValidationError({"scenario": _("Choisissez le scénario de l'appel.")})
    if direction not in CallDirection.values:
        raise ValidationError({"direction": _("Choisissez le sens de l'appel.")})
    steps = _steps_clean(steps)
    if not steps:
        raise ValidationError({"step_problem": _("Notez au moins ce qui s'est dit pendant l'appel.")})
    ended_at = timezone.now()
    started_at = started_at or ended_at
    call = PhoneCall.objects.create(
        case=case, direction=direction, scenario=scenario, adviser=actor, started_at=started_at, ended_at=ended_at,
        duration_seconds=_duration(started_at, ended_at, duration_minutes), steps=steps,
    )
    audit_record(actor=actor, action="call.record", case=case, call=call.pk, scenario=scenario, direction=direction)
    if callback is not None:
        if callback.case_id != case.pk or callback.done_at or callback.cancelled_at:
            raise ValidationError({"callback": _("Ce rappel n'est plus à faire.")})
        callback.done_at, callback.done_call = ended_at, call
        callback.save(update_fields=["done_at", "done_call"])
        audit_record(actor=actor, action="callback.done", case=case, callback=callback.pk, call=call.pk)
    if next_callback is not None:
        callback_schedule(case=case, plan=next_callback, actor=actor)
    return call


@transaction.atomic
def callback_schedule(*, case: Case, plan: CallbackPlan, actor) -> ScheduledCall:
    if plan.due_at < timezone.now() - dt.timedelta(minutes=5):
        raise ValidationError({"callback_at": _("Le rappel doit être prévu dans le futur.")})
    if plan.assigned_to is not None and not plan.assigned_to.memberships.filter(team_id=case.team_id).exists():
        raise ValidationError({"callback_assignee": _("Choisissez une personne de l'équipe du dossier.")})
    callback = ScheduledCall.objects.create(
        case=case, due_at=plan.due_at, reason=(plan.reason or "").strip()[:500], assigned_to=plan.assigned_to,
        created_by=actor,
    )
    audit_record(actor=actor, action="callback.schedule", case=case, callback=callback.pk,
                 due_at=plan.due_at.isoformat())
    return callback


@transaction.atomic
def callback_cancel(*, callback: ScheduledCall, actor) -> ScheduledCall:
    if callback.done_at or callback.cancelled_at:
        raise ValidationError({"callback": _("Ce rappel n'est plus à faire.")})
    callback.cancelled_at = timezone.now()
    callback.save(update_fields=["cancelled_at"])
    audit_record(actor=actor, action="callback.cancel", case=callback.case_id, callback=callback.pk)
    return callback


def callbacks_pending(cases) -> list[ScheduledCall]:
    """Callbacks still to make on these cases (a queryset the user may see), soonest first."""
    return list(
        ScheduledCall.objects.filter(case__in=cases, done_at__isnull=True, cancelled_at__isnull=True)
        .select_related("case", "assigned_to").order_by("due_at", "pk")
    )


def callback_to_make(case: Case, callback_id) -> ScheduledCall | None:
    """A callback of this case still to make (neither done nor cancelled), by its id as typed; None otherwise."""
    if not callback_id or not str(callback_id).isdigit():
        return None
    return ScheduledCall.objects.filter(
        pk=int(callback_id), case=case, done_at__isnull=True, cancelled_at__isnull=True
    ).first()


def case_calls(case: Case) -> list[PhoneCall]:
    return list(PhoneCall.objects.filter(case=case).select_related("adviser"))


def case_callbacks(case: Case) -> list[ScheduledCall]:
    return list(ScheduledCall.objects.filter(case=case).select_related("assigned_to", "created_by"))
