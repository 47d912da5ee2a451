"""Hand-overs to a partner with an account arrive in its inbox; its answers move the orientation."""

import datetime as dt

from django.core import mail
from django.utils import timezone

from recours.casework.models import Orientation, OrientationStatus
from recours.casework.orientation import handovers_remind
from recours.core.models import OutboundMail
from tests.intake.walk import page


def act(client, orientation, action, comment=""):
    return client.post(f"/partenaires/orientations/{orientation.pk}/", {"action": action, "comment": comment})


def test_a_hand_over_arrives_in_the_partners_inbox(handed_over, handi_client):
    text = page(handi_client.get("/partenaires/orientations/"))
    assert handed_over.service.nom in text
    detail = page(handi_client.get(f"/partenaires/orientations/{handed_over.pk}/"))
    assert "Merci de la recevoir." in detail


def test_another_partner_never_sees_the_hand_over(handed_over, victims_client):
    assert handed_over.service.nom not in page(victims_client.get("/partenaires/orientations/"))
    assert victims_client.get(f"/partenaires/orientations/{handed_over.pk}/").status_code == 404
    assert act(victims_client, handed_over, "accept").status_code == 404
    handed_over.refresh_from_db()
    assert handed_over.status == OrientationStatus.SENT


def test_the_inbox_flow_from_hand_over_to_help_given(handed_over, handi_client):
    act(handi_client, handed_over, "acknowledge")
    handed_over.refresh_from_db()
    assert handed_over.status == OrientationStatus.ACKNOWLEDGED and handed_over.acknowledged_at
    act(handi_client, handed_over, "accept", "Rendez-vous mardi")
    handed_over.refresh_from_db()
    assert handed_over.status == OrientationStatus.ACCEPTED
    act(handi_client, handed_over, "helped")
    handed_over.refresh_from_db()
    assert handed_over.status == OrientationStatus.HELPED and handed_over.helped_at


def test_declining_needs_a_reason(handed_over, handi_client):
    response = act(handi_client, handed_over, "decline")
    assert response.status_code == 400 and "pourquoi vous déclinez" in page(response)
    handed_over.refresh_from_db()
    assert handed_over.status == OrientationStatus.SENT
    act(handi_client, handed_over, "decline", "Nous ne couvrons pas cette commune.")
    handed_over.refresh_from_db()
    assert handed_over.status == OrientationStatus.DECLINED
    assert handed_over.partner_comment == "Nous ne couvrons pas cette commune."


def test_help_cannot_be_marked_given_before_accepting(handed_over, handi_client):
    assert act(handi_client, handed_over, "helped").status_code == 400
    handed_over.refresh_from_db()
    assert handed_over.status == OrientationStatus.SENT


def test_the_adviser_sees_each_hand_overs_state_on_the_case(handed_over, handi_client, console):
    act(handi_client, handed_over, "accept")
    act(handi_client, handed_over, "helped")
    text = page(console.get(f"/console/dossiers/{handed_over.case.reference}/"))
    assert "aide apportée par la structure" in text
    assert "Aide apportée par la structure le" in text


def test_the_signed_link_still_works_for_structures_without_an_account(handed_over, client):
    from recours.casework.orientation import orientation_token

    response = client.post(f"/orientation/{orientation_token(handed_over)}/", {"action": "accept", "comment": ""})
    assert response.status_code == 302
    handed_over.refresh_from_db()
    assert handed_over.status == OrientationStatus.ACCEPTED


def test_a_hand_over_waiting_too_long_is_reminded_once_per_period(handed_over, settings):
    settings.RECOURS_HANDOVER_REMIND_DAYS = 5
    Orientation.objects.filter(pk=handed_over.pk).update(consent_at=timezone.now() - dt.timedelta(days=6))
    assert handovers_remind() == 1
    assert handovers_remind() == 0
    reminder = OutboundMail.objects.get(kind="orientation.remind")
    assert reminder.to.endswith("@handi-droits-44.example.org")
    assert handovers_remind(now=timezone.now() + dt.timedelta(days=6)) == 1


def test_an_answered_hand_over_is_not_reminded(handed_over, handi_client, settings):
    settings.RECOURS_HANDOVER_REMIND_DAYS = 5
    act(handi_client, handed_over, "accept")
    Orientation.objects.filter(pk=handed_over.pk).update(consent_at=timezone.now() - dt.timedelta(days=6))
    assert handovers_remind() == 0


def test_the_reminder_is_a_periodic_job():
    from recours.core.periodic import jobs_discover

    assert "orientation.remind" in jobs_discover()


def test_the_coordinator_sees_each_partners_hand_overs_month_by_month(handed_over, handi_client, client, teams, make_staff):
    from recours.accounts.models import Role
    from tests.accounts.helpers import log_in_verified

    act(handi_client, handed_over, "accept")
    act(handi_client, handed_over, "helped")
    coordinator, _device = make_staff("coord.44", teams["loire_atlantique"], role=Role.COORDINATOR)
    log_in_verified(client, coordinator)
    text = page(client.get("/console/partenaires/"))
    assert "Orientations reçues par partenaire, mois par mois" in text
    month = timezone.localtime().strftime("%m/%Y")
    assert f'<th scope="row">{month}</th><td>1</td><td>1</td><td>0</td><td>1</td><td>0</td>' in text
