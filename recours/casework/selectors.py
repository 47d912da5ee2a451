"""Reads on cases."""

import datetime as dt

from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recours.accounts.models import Team
from recours.casework.models import AdviceRequest, AnswerTemplate, Case, Qualification, Status
from recours.casework.waiting import PERSON_WROTE_LAST
from recours.core.receipts import receipt_hash

# What the person reads about their case, in plain words.
PERSON_STATUS = {
    Status.NEW: _("Reçu : votre signalement attend d'être lu par un·e conseiller·ère."),
    Status.IN_PROGRESS: _("En cours : un·e conseiller·ère s'occupe de votre situation."),
    Status.AWAITING_PERSON: _("Nous attendons votre réponse : lisez le dernier message ci-dessous."),
    Status.INFORMATION_GIVEN: _("Vous avez reçu une information sur vos droits."),
    Status.ORIENTED: _("Nous vous avons orienté·e vers une structure qui peut vous aider."),
    Status.REFERRAL_PREPARED: _("Un dossier de saisine a été préparé."),
    Status.TRANSFERRED: _("Votre situation a été confiée à une équipe plus proche de chez vous."),
    Status.CLOSED: _("Clos : vous pouvez encore écrire si la situation évolue."),
}


def cases_visible_to(user) -> QuerySet[Case]:
    """Every case a user may see: those of their active teams. Nothing else, superuser or not.

    Every console page, export and API route that shows cases starts from this queryset
    (and looks a single case up in it, so another team's case is a 404). A transferred
    case changes team (`services.case_transfer`), so it follows its new team here; an
    advice request does not open the case (see `advice_requests_for`).
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Case.objects.none()
    # The team ids are read first: with constants, PostgreSQL walks the queue's index
    # (team, waiting_since, created_at, id) in order instead of sorting a whole team's cases.
    team_ids = list(Team.objects.filter(active=True, memberships__user=user).values_list("pk", flat=True))
    return Case.objects.filter(team_id__in=team_ids)


def case_for_receipt(raw_receipt: str) -> Case | None:
    """The case a receipt opens, or None. Always one hash and one indexed query."""
    return Case.objects.filter(receipt_hash=receipt_hash(raw_receipt)).first()


def case_person_status(case: Case) -> str:
    return str(PERSON_STATUS.get(case.status, ""))


def case_thread(case: Case):
    """Messages of the follow-up thread with their attachments, oldest first."""
    return case.messages.select_related("author_user").prefetch_related("attachments").all()


# --- The adviser console -------------------------------------------------------------


class QueueView:
    """The tabs of the queue (query parameter `vue`)."""

    ALL = "tous"
    NEW = "nouveaux"
    MINE = "moi"
    AWAITING_PERSON = "attente-personne"
    AWAITING_REPLY = "attente-reponse"

    LABELS = {
        ALL: _("Tous"),
        NEW: _("Nouveaux"),
        MINE: _("Attribués à moi"),
        AWAITING_PERSON: _("En attente de la personne"),
        AWAITING_REPLY: _("En attente d'une réponse"),
    }


def cases_with_waiting(queryset: QuerySet[Case]) -> QuerySet[Case]:
    """Cases with `waiting_since`: now a column kept by the services (see casework/waiting.py)."""
    return queryset


def _view_filter(view: str, user) -> Q:
    if view == QueueView.NEW:
        return Q(status=Status.NEW)
    if view == QueueView.MINE:
        return Q(assigned_to=user)
    if view == QueueView.AWAITING_PERSON:
        return Q(status=Status.AWAITING_PERSON)
    if view == QueueView.AWAITING_REPLY:
        return PERSON_WROTE_LAST & ~Q(status=Status.CLOSED)
    return Q()


QUEUE_DEFERRED = ("narrative", "details", "contact")


def case_queue(
    user,
    *,
    view: str = QueueView.ALL,
    channel: str = "",
    status: str = "",
    criterion: str = "",
    domain: str = "",
    departement: str = "",
    waiting_days: int | None = None,
) -> QuerySet[Case]:
    """The queue of a user: their teams' cases, filtered, the longest waiting first.

    `criterion` and `domain` match the adviser's qualification or, before it, what the
    person reported; `departement` is the commune's; `waiting_days` keeps the cases
    waiting for an answer for more than that many days.
    """
    queryset = cases_with_waiting(cases_visible_to(user))
    queryset = queryset.filter(_view_filter(view, user))
    if channel:
        queryset = queryset.filter(channel=channel)
    if status:
        queryset = queryset.filter(status=status)
    if criterion:
        # Reported or qualified: one LIKE on the denormalised key, checked while the queue
        # walks its index in order and stops at a page (casework/criteria_key.py).
        queryset = queryset.filter(criteria_key__contains=f"|{criterion}|")
    if domain:
        queryset = queryset.filter(
            Q(qualification__domain=domain) | Q(qualification__domain__isnull=True, domain=domain)
        )
    if departement:
        # An INSEE code starts with its département's code (44109, 2A004, 97411): no join,
        # so the queue keeps walking its index in order.
        queryset = queryset.filter(commune__insee_code__startswith=departement)
    if waiting_days:
        queryset = queryset.filter(waiting_since__lt=timezone.now() - dt.timedelta(days=waiting_days))
    # The queue shows no narrative nor contact: never read (so never decrypt) them here.
    return queryset.select_related("assigned_to", "team", "domain").defer(*QUEUE_DEFERRED).order_by(
        F("waiting_since").asc(nulls_last=True), "created_at", "pk"
    )


def case_queue_counts(user) -> dict[str, int]:
    """How many of the user's cases are in each tab of the queue.

    One count per tab, each answered from an index of its own (see Case.Meta.indexes),
    rather than one pass over all the team's rows with a filter per tab.
    """
    visible = cases_visible_to(user)
    return {view: visible.filter(_view_filter(view, user)).count() for view in QueueView.LABELS}


def case_for_staff(user, reference: str) -> Case | None:
    """One case by reference, looked up only among the cases the user may see."""
    return (
        cases_visible_to(user)
        .select_related("reporter_role", "commune", "domain", "team", "assigned_to", "status_changed_by")
        .filter(reference=reference)
        .first()
    )


def case_notes(case: Case):
    return case.notes.select_related("author").all()


def case_colleagues(case: Case):
    """Active users who are members of the case's team: those it may be assigned to."""
    from django.contrib.auth import get_user_model

    if case.team_id is None:
        return get_user_model().objects.none()
    return (
        get_user_model()
        .objects.filter(is_active=True, memberships__team_id=case.team_id, memberships__team__active=True)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def case_qualification(case: Case):
    """The case's qualification with its lists, or None."""
    from recours.casework.models import Qualification

    return (
        Qualification.objects.filter(case=case)
        .select_related("domain", "situation_type", "qualified_by")
        .prefetch_related("criteria", "related_situations")
        .first()
    )


def case_transfers(case: Case):
    return case.transfers.select_related("from_team", "to_team", "actor").all()


def teams_to_hand_over(case: Case):
    """The active teams a case may be transferred to, or asked for advice: every other one."""
    return Team.objects.filter(active=True).exclude(pk=case.team_id).order_by("-is_national", "name")


# --- Advice between teams ------------------------------------------------------------


def advice_requests_for(user, *, pending_only: bool = False) -> QuerySet[AdviceRequest]:
    """Advice requests addressed to the user's teams (what the "Avis demandés" tab lists)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return AdviceRequest.objects.none()
    queryset = AdviceRequest.objects.filter(to_team__active=True, to_team__memberships__user=user)
    if pending_only:
        queryset = queryset.filter(answered_at__isnull=True)
    return queryset.select_related("case", "from_team", "to_team", "asked_by", "answered_by").order_by(
        F("answered_at").asc(nulls_first=True), "asked_at"
    )


def advice_request_for_staff(user, pk: int) -> AdviceRequest | None:
    return advice_requests_for(user).filter(pk=pk).first()


def case_advice_requests(case: Case):
    return case.advice_requests.select_related("to_team", "asked_by", "answered_by").all()


# --- The library of legal answers ----------------------------------------------------


def answer_templates_for(user, query: str = "") -> QuerySet[AnswerTemplate]:
    """Active templates a user may use: the national ones and those of their teams, searched by words.

    The search matches every word of `query` in the title or the body (case-insensitive).
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return AnswerTemplate.objects.none()
    team_ids = list(Team.objects.filter(active=True, memberships__user=user).values_list("pk", flat=True))
    queryset = AnswerTemplate.objects.filter(Q(team__isnull=True) | Q(team_id__in=team_ids), active=True)
    for word in (query or "").split()[:8]:
        queryset = queryset.filter(Q(title__icontains=word) | Q(body__icontains=word))
    return queryset.select_related("team").order_by("topic", "title")


def answer_templates_managed_by(user) -> QuerySet[AnswerTemplate]:
    """Templates a coordinator may edit: those of the teams they coordinate, and the national ones
    if they coordinate the national team."""
    from recours.accounts.models import Role

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return AnswerTemplate.objects.none()
    memberships = user.memberships.filter(team__active=True, role__in=[Role.COORDINATOR, Role.ADMINISTRATOR])
    team_ids = list(memberships.values_list("team_id", flat=True))
    national = memberships.filter(team__is_national=True).exists()
    condition = Q(team_id__in=team_ids)
    if national:
        condition |= Q(team__isnull=True)
    return AnswerTemplate.objects.filter(condition).select_related("team").order_by("topic", "title")
