"""Plain helpers of the shared test base (tests/README.md): places of reports, and dating a case."""

NANTES = {"commune": "44109", "postal_code": "44000"}
PARIS = {"commune": "75056", "postal_code": "75011"}


def backdate(case, *, days: int) -> None:
    """Make a case as if it had come in `days` ago (its wait derived again, as the services do)."""
    import datetime as dt

    from django.utils import timezone

    from recours.casework.models import Case
    from recours.casework.waiting import waiting_refresh

    queryset = Case.objects.filter(pk=case.pk)
    queryset.update(created_at=timezone.now() - dt.timedelta(days=days))
    waiting_refresh(queryset)
