"""Casework's purge reaches the respondents: an individual goes with the last case naming them."""

from __future__ import annotations


def on_case_purging(sender, *, case, actor=None, **kwargs) -> None:
    """Delete the private individuals this case names and no other case does; organisations stay
    (collective treatment may outlive the cases). The links go with the case (cascade)."""
    from recours.collective.models import CaseRespondent, Nature, Respondent

    named = CaseRespondent.objects.filter(case_id=case.pk, respondent__nature=Nature.INDIVIDUAL).values("respondent_id")
    elsewhere = CaseRespondent.objects.exclude(case_id=case.pk).values("respondent_id")
    Respondent.objects.filter(pk__in=named).exclude(pk__in=elsewhere).delete()


def connect() -> None:
    from recours.casework.signals import case_purging

    case_purging.connect(on_case_purging, dispatch_uid="collective.on_case_purging")
