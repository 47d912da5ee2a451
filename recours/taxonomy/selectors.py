from recours.taxonomy.models import Criterion, Domain, PlainGround, ReporterRole


def criteria_active():
    return Criterion.objects.filter(active=True)


def plain_grounds_active():
    return PlainGround.objects.filter(active=True).prefetch_related("criteria")


def domains_active():
    return Domain.objects.filter(active=True)


def roles_active():
    return ReporterRole.objects.filter(active=True)


def criteria_for_plain_grounds(codes: list[str]) -> list[str]:
    """The legal criteria codes that the chosen plain grounds point to, in legal order."""
    return list(
        Criterion.objects.filter(plain_grounds__code__in=codes, active=True)
        .distinct()
        .order_by("position")
        .values_list("code", flat=True)
    )
