"""Reads on cases."""

from django.db.models import Case as CaseWhen
from django.db.models import Count, DateTimeField, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils.translation import gettext_lazy as _

from recours.accounts.selectors import cases_visible_to
from recours.casework.models import Case, Message, MessageAuthor, Status
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


def case_for_receipt(raw_receipt: str) -> Case | None:
    """The case a receipt opens, or None. Always one hash and one indexed query."""
    return Case.objects.filter(receipt_hash=receipt_hash(raw_receipt)).first()


def case_person_status(case: Case) -> str:
    return str(PERSON_STATUS.get(case.status, ""))


def case_thread(case: Case):
    """Messages of the follow-up thread with their attachments, oldest first."""
    return case.messages.prefetch_related("attachments").all()


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


def _last_message_at(author: str):
    return Subquery(
        Message.objects.filter(case=OuterRef("pk"), author=author).order_by("-created_at", "-id").values("created_at")[:1]
    )


# The person wrote last: a message of theirs and no adviser reply after it.
PERSON_WROTE_LAST = Q(last_person_at__isnull=False) & (
    Q(last_adviser_at__isnull=True) | Q(last_person_at__gt=F("last_adviser_at"))
)


def cases_with_waiting(queryset: QuerySet[Case]) -> QuerySet[Case]:
    """Annotate `last_person_at`, `last_adviser_at` and `waiting_since`.

    A case waits for an answer since its creation while no adviser has replied, or since
    the person's last message when they wrote after the last reply; a closed case or one
    whose last word is the adviser's does not wait (`waiting_since` is null).
    """
    return queryset.annotate(
        last_person_at=_last_message_at(MessageAuthor.PERSON),
        last_adviser_at=_last_message_at(MessageAuthor.ADVISER),
    ).annotate(
        waiting_since=CaseWhen(
            When(status=Status.CLOSED, then=Value(None, output_field=DateTimeField())),
            When(last_adviser_at__isnull=True, then=F("created_at")),
            When(PERSON_WROTE_LAST, then=F("last_person_at")),
            default=Value(None, output_field=DateTimeField()),
            output_field=DateTimeField(),
        )
    )


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


def case_queue(user, *, view: str = QueueView.ALL, channel: str = "", status: str = "") -> QuerySet[Case]:
    """The queue of a user: their teams' cases, filtered, the longest waiting first."""
    queryset = cases_with_waiting(cases_visible_to(user))
    queryset = queryset.filter(_view_filter(view, user))
    if channel:
        queryset = queryset.filter(channel=channel)
    if status:
        queryset = queryset.filter(status=status)
    # The queue shows no narrative nor contact: never read (so never decrypt) them here.
    return queryset.select_related("assigned_to", "team", "domain").defer(*QUEUE_DEFERRED).order_by(
        F("waiting_since").asc(nulls_last=True), "created_at", "pk"
    )


def case_queue_counts(user) -> dict[str, int]:
    """How many of the user's cases are in each tab of the queue."""
    queryset = cases_with_waiting(cases_visible_to(user))
    return queryset.aggregate(
        **{view: Count("pk", filter=_view_filter(view, user)) for view in QueueView.LABELS}
    )


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
