"""A purged case's audit trail keeps who, when and what — not its criteria, domain or orientations."""

import datetime as dt

from django.db import connection
from django.utils import timezone

from recours.casework.services import case_qualify
from recours.core.models import AuditEvent
from recours.directory.models import Service
from recours.casework.orientation import orientation_record
from recours.observatory.retention import retention_purge
from tests.observatory.helpers import close

NOW = timezone.now()
SPECIFIC = ["caracteristiques_genetiques", "activites_syndicales", "police_securite_justice", "droits_locataires",
            "acces_aux_droits"]


def audit_table_text() -> str:
    """The audit table as someone with the database file reads it."""
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")
        return "\n".join(str(value) for row in cursor.fetchall() for value in row)


def test_the_purge_leaves_no_criterion_domain_or_orientation_in_the_trail(make_case, adviser, directory):
    case, _ = make_case(commune="44109", postal_code="44000", criteria=("activites_syndicales",),
                        domain="police_securite_justice")
    case_qualify(case=case, actor=adviser, criteria=["caracteristiques_genetiques", "activites_syndicales"],
                 related_situations=["droits_locataires"], domain="police_securite_justice",
                 situation_type="acces_aux_droits", respondent_kind="public_service", reasoning="Motif précis")
    service = Service.objects.filter(is_national=True).order_by("pk").first()
    orientation_record(case=case, services=[service], actor=adviser)
    close(case, actor=adviser, when=NOW - dt.timedelta(days=800))
    trail = AuditEvent.objects.filter(case_id=case.pk)
    assert all(code in audit_table_text() for code in SPECIFIC[:3])  # the attack would find them before
    assert trail.filter(action="orientation.record", detail__service=service.pk).exists()

    retention_purge(now=NOW)

    text = audit_table_text()
    for code in SPECIFIC:
        assert code not in text
    assert service.nom not in text
    for event in trail:
        assert "service" not in event.detail and "criteria" not in event.detail and "domain" not in event.detail
        assert event.actor_id in (adviser.pk, None) and event.at is not None
    # Who did what, and when, stays: the qualification, the orientation, the closure, the purge.
    actions = list(trail.values_list("action", flat=True))
    assert {"case.qualify", "orientation.record", "case.status", "case.purge"} <= set(actions)
    closing = trail.get(action="case.status", detail__after="closed")
    assert closing.detail["outcome"] == "information" and closing.detail["purged"] is True
