"""Reads on cases."""

import datetime as dt

from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recours.accounts.models import Team
from recours.accounts.selectors import manages_national_team, teams_managed_by
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
    Status.CLOSED: _("Clos : vous pouvez encore écrire si la situation évolue."),
}
# Derived from what happened rather than from the status alone (case_person_status).
PERSON_ANSWERED = _("Un·e conseiller·ère vous a répondu : lisez sa réponse ci-dessous.")
PERSON_REPLIED = _("Votre réponse est bien reçue : un·e conseiller·ère va la lire.")


class TransferDirection:
    """Where a transfer sent a case, seen from the person: what the follow-up page says of it."""

    CLOSER = "closer"  # a team whose territory is narrower and holds the person's commune
    NATIONAL = "national"
    OTHER = "other"  # another service: the same level, a wider one, or elsewhere

    PERSON_TEXT = {
        CLOSER: _("Votre situation a été confiée à une équipe plus proche de chez vous, qui prend la suite."),
        NATIONAL: _("Votre situation a été confiée à l'équipe nationale, qui prend la suite."),
        OTHER: _("Votre situation a été confiée à un autre service, qui prend la suite."),
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


def _team_level(team) -> int:
    """How wide a team's territory is: a list of communes 0, a département 1, a région 2, the country 3."""
    from recours.accounts.models import TeamKind

    return {TeamKind.COMMUNES: 0, TeamKind.DEPARTEMENT: 1, TeamKind.REGION: 2}.get(team.kind, 3)


def _team_covers(team, commune) -> bool:
    from recours.accounts.models import TeamKind

    if team.is_national:
        return True
    if commune is None:
        return False
    if team.kind == TeamKind.COMMUNES:
        return team.communes.filter(pk=commune.pk).exists()
    if team.kind == TeamKind.DEPARTEMENT:
        return team.departement_id == commune.departement_id
    return team.kind == TeamKind.REGION and team.region_id == commune.region_id


def transfer_direction(*, from_team, to_team, commune) -> str:
    """The direction of a move from `from_team` to `to_team` for a case in `commune` (TransferDirection)."""
    if to_team.is_national:
        return TransferDirection.NATIONAL
    narrower = from_team is None or _team_level(to_team) < _team_level(from_team)
    if narrower and _team_covers(to_team, commune):
        return TransferDirection.CLOSER
    return TransferDirection.OTHER


def case_person_status(case: Case) -> str:
    """What the person reads of her case: the status in plain words, corrected by what happened
    (an answer is never "waiting to be read"; a transfer says where the case went)."""
    adviser_at, person_at = case.last_adviser_message_at, case.last_person_message_at
    if case.status == Status.NEW and adviser_at:
        return str(PERSON_ANSWERED)
    if case.status == Status.AWAITING_PERSON and person_at and (adviser_at is None or person_at > adviser_at):
        return str(PERSON_REPLIED)
    if case.status == Status.TRANSFERRED:
        transfer = case.transfers.select_related("from_team", "to_team").order_by("-created_at", "-pk").first()
        if transfer is not None:
            direction = transfer_direction(from_team=transfer.from_team, to_team=transfer.to_team, commune=case.commune)
            return str(TransferDirection.PERSON_TEXT[direction])
        return str(TransferDirection.PERSON_TEXT[TransferDirection.OTHER])
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
    person reported; `departement` is the place's (Case.departement); `waiting_days` keeps the cases
    waiting for an answer for more than that many days.
    """
    queryset = cases_visible_to(user)
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
        # The case's own column (its commune's département, or its postal code's when no commune
        # was chosen): no join, so the queue keeps walking its index in order.
        queryset = queryset.filter(departement_id=departement)
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


# The grounds and domain of a case, one policy for every reader (issue 16.11): the case file's
# search for services, the hand-over to a partner, the referral file, the advice request, the
# observatory's record. Once an adviser qualified the case, her criteria are the case's — even
# none, when she found only a related situation or a type of situation: the person's words do
# not come back over a legal judgement. Before that, what the person reported. The domain is
# the qualification's when the adviser gave one (it is optional there), else the reported one.


def case_criteria(case: Case) -> list:
    """The legal criteria of a case (taxonomy `Criterion`s, in the taxonomy's order): qualified,
    else reported."""
    qualification = _qualification_cached(case)
    return list((qualification.criteria if qualification is not None else case.reported_criteria).all())


def case_domain(case: Case):
    """The domain of a case (a taxonomy `Domain`, or None): qualified, else reported."""
    qualification = _qualification_cached(case)
    if qualification is not None and qualification.domain_id:
        return qualification.domain
    return case.domain


def _qualification_cached(case: Case):
    """The case's qualification or None, read once per case object."""
    try:
        return case.qualification
    except Qualification.DoesNotExist:
        return None


def orientations_for_case(case: Case) -> list:
    """The orientations of a case, oldest first, with their services: for the case file,
    the follow-up page and the recap mail (casework/orientation.py writes them)."""
    from recours.casework.models import Orientation

    return list(Orientation.objects.filter(case=case).select_related("service", "service__structure"))


def case_partner_messages(case: Case):
    """The advisers' messages to the partner structure that filed the case, oldest first."""
    return case.partner_messages.select_related("author").all() if case.filed_by_structure_id else []


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
    """Templates a coordinator may edit: those of the teams they manage, and the national ones
    if they manage the national team (`accounts.selectors.teams_managed_by`)."""
    condition = Q(team__in=teams_managed_by(user))
    if manages_national_team(user):
        condition |= Q(team__isnull=True)
    return AnswerTemplate.objects.filter(condition).select_related("team").order_by("topic", "title")


# --- What the console counts (navigation, notifications): numbers only --------------------


def new_cases_count(user) -> int:
    """New cases of the user's teams (nobody has acted on them yet)."""
    return cases_visible_to(user).filter(status=Status.NEW).count()


def my_cases_waiting_count(user) -> int:
    """Open cases assigned to the user in which the person wrote last (a new message to answer)."""
    return cases_visible_to(user).filter(PERSON_WROTE_LAST, assigned_to=user).exclude(status=Status.CLOSED).count()


def callbacks_due_count(user, *, now=None) -> int:
    """Callbacks due by now on the user's teams' cases, for the user or for nobody in particular."""
    from recours.casework.models import ScheduledCall

    now = now or timezone.now()
    return ScheduledCall.objects.filter(
        Q(assigned_to=user) | Q(assigned_to__isnull=True),
        case__in=cases_visible_to(user), due_at__lte=now, done_at__isnull=True, cancelled_at__isnull=True,
    ).count()


# An answered advice request is news for this long after its answer.
ADVICE_ANSWERED_RECENT = dt.timedelta(hours=24)


def advice_answered_count(user, *, now=None) -> int:
    """Advice the user asked for, answered within ADVICE_ANSWERED_RECENT, on cases they still see."""
    now = now or timezone.now()
    return AdviceRequest.objects.filter(
        asked_by=user, case__in=cases_visible_to(user), answered_at__gte=now - ADVICE_ANSWERED_RECENT
    ).count()


def team_load(teams) -> list[dict]:
    """For a coordinator's teams: each member's open cases assigned to them, and how many of
    those wait for an answer (the person wrote last), busiest first."""
    from django.db.models import Count

    from recours.accounts.models import Membership

    rows = (
        Case.objects.filter(team__in=teams, assigned_to__isnull=False).exclude(status=Status.CLOSED)
        .values("assigned_to", "assigned_to__first_name", "assigned_to__last_name", "assigned_to__username")
        .annotate(open=Count("pk"), waiting=Count("pk", filter=PERSON_WROTE_LAST))
    )
    load = {row["assigned_to"]: row for row in rows}
    members = Membership.objects.filter(team__in=teams, user__is_active=True).select_related("user")
    result = {}
    for membership in members:
        user = membership.user
        row = load.get(user.pk, {})
        result[user.pk] = {"name": user.get_full_name() or user.get_username(),
                           "open": row.get("open", 0), "waiting": row.get("waiting", 0)}
    return sorted(result.values(), key=lambda row: (-row["open"], row["name"]))


def first_answer_times(teams, *, since) -> dict:
    """For a coordinator's teams: the cases received since `since`, how many got a first answer,
    and the median time to it (None when none did)."""
    import statistics

    received = Case.objects.filter(team__in=teams, created_at__gte=since)
    answered = list(received.filter(first_answer_at__isnull=False).values_list("created_at", "first_answer_at"))
    delays = [(answer - created).total_seconds() for created, answer in answered]
    return {
        "received": received.count(), "answered": len(answered),
        "median_hours": round(statistics.median(delays) / 3600, 1) if delays else None,
    }


# --- Bulk actions from the queue -------------------------------------------------------

BULK_MAX = 100  # cases at once (two pages of the queue)


def cases_for_bulk(user, references) -> tuple[list[Case], list[str]]:
    """The cases named by `references` that the user may see, and the references she may not
    (unknown, or another team's: the same answer, so that a posted reference tells nothing)."""
    wanted = list(dict.fromkeys(ref.strip().upper() for ref in references if ref and ref.strip()))[:BULK_MAX]
    found = {case.reference: case for case in cases_visible_to(user).filter(reference__in=wanted).defer(*QUEUE_DEFERRED)}
    return [found[ref] for ref in wanted if ref in found], [ref for ref in wanted if ref not in found]


def queue_colleagues(user):
    """Active members of the user's active teams: whom the queue's bulk action may assign cases to."""
    from django.contrib.auth import get_user_model

    team_ids = list(Team.objects.filter(active=True, memberships__user=user).values_list("pk", flat=True))
    return (
        get_user_model().objects.filter(is_active=True, memberships__team_id__in=team_ids)
        .distinct().order_by("first_name", "last_name", "username")
    )


def teams_for_bulk_transfer():
    """The active teams cases may be transferred to from the queue (a case's own team is refused per case)."""
    return Team.objects.filter(active=True).order_by("-is_national", "name")
