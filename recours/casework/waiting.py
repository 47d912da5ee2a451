"""How long a case has waited for an answer, kept in columns of the case.

A case waits since its creation while no adviser has replied, or since the person's last
message when they wrote after the last reply; a closed case, or one whose last word is the
adviser's, does not wait (`waiting_since` is null). The message services record the last
message of each side (`last_person_message_at`, `last_adviser_message_at`) and refresh
`waiting_since` with one UPDATE; status changes refresh it too (closing stops the wait).
"""

from django.db.models import Case as CaseWhen
from django.db.models import DateTimeField, F, OuterRef, Q, Subquery, Value, When

# The person wrote last: a message of theirs and no adviser reply after it.
PERSON_WROTE_LAST = Q(last_person_message_at__isnull=False) & (
    Q(last_adviser_message_at__isnull=True) | Q(last_person_message_at__gt=F("last_adviser_message_at"))
)

WAITING_SINCE = CaseWhen(
    When(status="closed", then=Value(None, output_field=DateTimeField())),
    When(last_adviser_message_at__isnull=True, then=F("created_at")),
    When(PERSON_WROTE_LAST, then=F("last_person_message_at")),
    default=Value(None, output_field=DateTimeField()),
    output_field=DateTimeField(),
)


def waiting_refresh(queryset) -> int:
    """Recompute `waiting_since` from the columns, for the cases of `queryset`."""
    return queryset.update(waiting_since=WAITING_SINCE)


def waiting_recompute_from_messages(queryset, message_model) -> int:
    """Rebuild the last-message columns from the messages, then `waiting_since` (migrations, bulk loads)."""

    def last(author):
        return Subquery(
            message_model.objects.filter(case=OuterRef("pk"), author=author)
            .order_by("-created_at", "-id").values("created_at")[:1]
        )

    queryset.update(last_person_message_at=last("person"), last_adviser_message_at=last("adviser"))
    return waiting_refresh(queryset)
