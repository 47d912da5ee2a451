"""Orienting a case: give a contact, or hand over with consent through a signed link."""

import datetime as dt
import html
import re

import pytest
from django.core import mail
from django.utils import timezone

from recours.casework.models import Channel, Status
from recours.casework.services import case_create_from_report
from recours.core.models import AuditEvent, OutboundMail
from recours.casework.models import Orientation, OrientationStatus
from recours.directory.models import Service
from recours.casework.orientation import orientation_record
from tests.factories import NANTES


def service(slug: str) -> Service:
    return Service.objects.get(di_id=f"recours-demo--{slug}")


def partner_link(message) -> str:
    return re.search(r"http://testserver(/orientation/[^\s]+/)", message.body).group(1)


@pytest.fixture
def case(report_input, directory):
    """A phone case: the adviser's tick is the person's oral consent (tests/casework/test_orientation_consent.py
    for the cases whose person confirms on her follow-up page)."""
    case, _receipt = case_create_from_report(report=report_input(
        **NANTES, criteria=("handicap",), domain="emploi_prive",
        narrative="Mon employeur refuse d'aménager mon poste depuis mon retour d'arrêt maladie.",
        contact={"email": "personne@example.org", "phone": "0611223344"},
    ), channel=Channel.PHONE)
    return case


def test_the_orientation_page_searches_with_the_case_place_and_grounds(console, case):
    page = html.unescape(console.get(f"/console/dossiers/{case.reference}/orienter/").content.decode())
    assert "Services pour Nantes (44)" in page
    assert page.index("Permanence accès aux droits et handicap") < page.index("Services nationaux")


def test_giving_a_contact_records_it_and_the_case_is_oriented(console, case):
    chosen = service("handi-droits-44-permanence")
    response = console.post(f"/console/dossiers/{case.reference}/orienter/", {
        "action": "record", "postal_code": "44000", "criteria": ["handicap"], "domain": "emploi_prive",
        "services": [chosen.pk], "mode": "give",
    })
    assert response.status_code == 302
    orientation = Orientation.objects.get(case=case)
    assert orientation.service == chosen and orientation.status == OrientationStatus.GIVEN
    assert not orientation.handed_over and orientation.handover == {}
    case.refresh_from_db()
    assert case.status == Status.ORIENTED
    assert not OutboundMail.objects.filter(kind="orientation").exists()
    page = console.get(f"/console/dossiers/{case.reference}/").content.decode()
    assert "Permanence accès aux droits et handicap" in page and "contact donné le" in page


def test_handing_over_without_consent_is_refused_and_keeps_the_choice(console, case):
    chosen = service("handi-droits-44-permanence")
    response = console.post(f"/console/dossiers/{case.reference}/orienter/", {
        "action": "record", "postal_code": "44000", "criteria": ["handicap"], "domain": "emploi_prive",
        "services": [chosen.pk], "mode": "hand_over", "shared": ["grounds", "contact"], "message": "Merci !",
    })
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "Sans l'accord de la personne, rien n'est transmis" in page
    assert f'value="{chosen.pk}" id="pick-{chosen.pk}" checked' in page and "Merci !" in page
    assert not Orientation.objects.exists()


def test_a_hand_over_sends_the_partner_a_link_and_only_what_was_agreed(console, case, client_factory, django_capture_on_commit_callbacks):
    chosen = service("handi-droits-44-permanence")
    with django_capture_on_commit_callbacks(execute=True):
        console.post(f"/console/dossiers/{case.reference}/orienter/", {
            "action": "record", "postal_code": "44000", "criteria": ["handicap"], "domain": "emploi_prive",
            "services": [chosen.pk], "mode": "hand_over", "consent": "on", "shared": ["grounds", "place"],
        })
    orientation = Orientation.objects.get(case=case)
    assert orientation.handed_over and orientation.consent_at and orientation.status == OrientationStatus.SENT
    [sent] = mail.outbox
    assert sent.to == ["orientation@handi-droits-44.example.org"]
    assert "aménager" not in sent.body and "0611223344" not in sent.body  # the mail holds a link, no data

    partner = client_factory()
    page = html.unescape(partner.get(partner_link(sent)).content.decode())
    assert "Handicap" in page and "Nantes" in page
    assert "aménager" not in page and "0611223344" not in page  # the narrative and contact were not shared
    assert AuditEvent.objects.filter(case_id=case.pk, action="orientation.partner_view").exists()


def test_the_partner_acknowledges_then_accepts_and_the_team_sees_it(console, case, client_factory, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        orientation_record(
            case=case, services=[service("handi-droits-44-permanence")], actor=None, hand_over=True, consent=True,
            shared=["contact"], link_for=lambda token: f"http://testserver/orientation/{token}/",
        )
    link = partner_link(mail.outbox[0])
    partner = client_factory()
    assert "0611223344" in partner.get(link).content.decode()
    partner.post(link, {"action": "acknowledge"})
    assert Orientation.objects.get().status == OrientationStatus.ACKNOWLEDGED
    partner.post(link, {"action": "accept", "comment": "Premier rendez-vous mardi 10 h."})
    orientation = Orientation.objects.get()
    assert orientation.status == OrientationStatus.ACCEPTED and orientation.answered_at
    page = html.unescape(console.get(f"/console/dossiers/{case.reference}/").content.decode())
    assert "acceptée par la structure" in page and "Premier rendez-vous mardi 10 h." in page


def test_a_forged_or_expired_link_shows_nothing(case, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        [orientation] = orientation_record(
            case=case, services=[service("handi-droits-44-permanence")], actor=None, hand_over=True, consent=True,
            shared=["narrative"], link_for=lambda token: f"http://testserver/orientation/{token}/",
        )
    link = partner_link(mail.outbox[0])
    assert client.get(link[:-3] + "xx/").status_code == 404
    Orientation.objects.filter(pk=orientation.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    response = client.get(link)
    assert response.status_code == 404 and "aménager" not in response.content.decode()
    assert client.post(link, {"action": "accept"}).status_code == 404
    assert Orientation.objects.get().status == OrientationStatus.SENT


def test_a_service_without_an_address_cannot_be_handed_over(case):
    from django.core.exceptions import ValidationError

    national = Service.objects.get(di_id="recours-national--3928")
    with pytest.raises(ValidationError) as error:
        orientation_record(case=case, services=[national], actor=None, hand_over=True, consent=True, shared=["grounds"])
    assert "services" in error.value.message_dict


def test_the_person_sees_the_contacts_on_the_follow_up_page(make_case, directory, client):
    case, receipt = make_case(**NANTES)
    orientation_record(case=case, services=[service("logement-egal-conseil")], actor=None)
    client.post("/suivi/", {"action": "login", "receipt": receipt})
    page = html.unescape(client.get("/suivi/").content.decode())
    assert "Les contacts que nous vous avons donnés" in page
    assert "Conseil logement et discriminations" in page and "02 61 91 00 05" in page


def test_another_team_cannot_orient_the_case(paris_console, case):
    response = paris_console.get(f"/console/dossiers/{case.reference}/orienter/")
    assert response.status_code == 404
    response = paris_console.post(f"/console/dossiers/{case.reference}/orienter/", {
        "action": "record", "postal_code": "44000", "services": [service("logement-egal-conseil").pk], "mode": "give",
    })
    assert response.status_code == 404 and not Orientation.objects.exists()


def test_the_purge_of_a_case_takes_its_orientations(case):
    from recours.casework.services import case_purge

    orientation_record(case=case, services=[service("logement-egal-conseil")], actor=None)
    case_purge(case=case)
    assert not Orientation.objects.exists()
