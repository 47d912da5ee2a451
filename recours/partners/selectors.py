"""What a partner may see: the one gate of the partner space.

A member reaches a case only through `partner_reports` (the reports its partner filed) or
`partner_inbox` (hand-overs to a service of its structure, with the person's consent); every
page of the space looks a single row up inside these, so anything else is a 404. Of a filed
report, the case's status, the messages addressed to the partner and the outcome are shown
only if the person agreed to share her case with the partner (`partner_case_view`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

from recours.casework.models import Orientation, OrientationStatus, PartnerMessage
from recours.casework.selectors import case_person_status
from recours.partners.models import Partner, PartnerInvitation, PartnerMember, PartnerReport


def membership_of(user) -> PartnerMember | None:
    """The user's membership of an active partner, or None."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return PartnerMember.objects.select_related("partner__structure").filter(user=user, partner__active=True).first()


def partner_of(user) -> Partner | None:
    membership = membership_of(user)
    return membership.partner if membership else None


def partner_reports(partner: Partner) -> QuerySet[PartnerReport]:
    """The reports this partner filed, newest first."""
    return PartnerReport.objects.filter(partner=partner).select_related("case", "filed_by")


def partner_report_for(partner: Partner, reference: str) -> PartnerReport | None:
    return partner_reports(partner).filter(case__reference=reference).first()


# Hand-overs a partner's inbox shows: sent with the person's consent, whatever came of them since.
INBOX_STATES = (
    OrientationStatus.SENT, OrientationStatus.ACKNOWLEDGED, OrientationStatus.ACCEPTED,
    OrientationStatus.DECLINED, OrientationStatus.HELPED,
)
WAITING_STATES = (OrientationStatus.SENT, OrientationStatus.ACKNOWLEDGED)


def partner_inbox(partner: Partner) -> QuerySet[Orientation]:
    """Hand-overs to the services of the partner's structure, newest first."""
    return (
        Orientation.objects.filter(service__structure_id=partner.structure_id, handed_over=True, status__in=INBOX_STATES)
        .select_related("service", "case__team").order_by("-consent_at", "-pk")
    )


def partner_orientation(partner: Partner, pk: int) -> Orientation | None:
    return partner_inbox(partner).filter(pk=pk).first()


def partner_members(partner: Partner) -> QuerySet[PartnerMember]:
    return partner.members.select_related("user").filter(user__is_active=True)


def partner_invitations_pending(partner: Partner) -> QuerySet[PartnerInvitation]:
    from django.utils import timezone

    return partner.invitations.filter(used_at__isnull=True, expires_at__gt=timezone.now())


@dataclass
class PartnerCaseView:
    """What the partner reads of a report it filed (nothing of the case beyond its reference
    and date unless the person agreed to share it)."""

    report: PartnerReport
    shared: bool
    status: str = ""
    outcome: str = ""
    closed_at: object = None
    messages: list = field(default_factory=list)


def partner_case_view(report: PartnerReport) -> PartnerCaseView:
    if not report.share_with_partner:
        return PartnerCaseView(report=report, shared=False)
    case = report.case
    return PartnerCaseView(
        report=report, shared=True, status=case_person_status(case),
        outcome=case.get_outcome_display() if case.outcome else "", closed_at=case.closed_at,
        messages=list(PartnerMessage.objects.filter(case=case).select_related("author")),
    )


def handover_figures(partners, *, months: int = 6, now=None) -> list[dict]:
    """For the coordinators, per partner and month (the last `months`): hand-overs received,
    answered, declined, help given, still waiting, and the median days to an answer."""
    import datetime as dt
    import statistics
    from collections import defaultdict

    from django.utils import timezone

    now = timezone.localtime(now or timezone.now())
    keys = []
    year, month = now.year, now.month
    for _ in range(months):
        keys.append((year, month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    oldest = timezone.make_aware(dt.datetime(keys[-1][0], keys[-1][1], 1))
    by_structure = {p.structure_id: p for p in partners}
    rows = defaultdict(lambda: {"received": 0, "answered": 0, "declined": 0, "helped": 0, "waiting": 0, "delays": []})
    orientations = Orientation.objects.filter(
        service__structure_id__in=list(by_structure), handed_over=True, consent_at__gte=oldest,
    ).values_list("service__structure_id", "consent_at", "answered_at", "status")
    for structure_id, consent_at, answered_at, status in orientations:
        local = timezone.localtime(consent_at)
        row = rows[(structure_id, (local.year, local.month))]
        row["received"] += 1
        if answered_at:
            row["answered"] += 1
            row["delays"].append((answered_at - consent_at).total_seconds() / 86400)
        row["declined"] += status == OrientationStatus.DECLINED
        row["helped"] += status == OrientationStatus.HELPED
        row["waiting"] += status in WAITING_STATES
    result = []
    for structure_id, partner in by_structure.items():
        result.append({"partner": partner, "months": [
            {"month": f"{m:02d}/{y}", **{k: v for k, v in rows[(structure_id, (y, m))].items() if k != "delays"},
             "median_days": round(statistics.median(rows[(structure_id, (y, m))]["delays"]), 1)
             if rows[(structure_id, (y, m))]["delays"] else None}
            for y, m in keys
        ]})
    return result
