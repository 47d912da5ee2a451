"""Hand-over with consent: a person who reads her follow-up page confirms it there herself
(and sees what is shared, and may refuse); on the phone the adviser's tick is her oral consent."""

import html

import pytest
from django.core import mail

from recours.casework.models import Channel
from recours.casework.services import case_create_from_report
from recours.core.models import AuditEvent, OutboundMail
from recours.casework.models import ConsentHow, Orientation, OrientationStatus
from recours.casework.orientation import orientation_record, orientation_token
from tests.factories import NANTES
from tests.casework.test_orientation import partner_link, service
from tests.intake.test_followup import open_followup

NARRATIVE = "Mon employeur refuse d'aménager mon poste depuis mon retour d'arrêt maladie."
PERMANENCE = "handi-droits-44-permanence"


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def web_case(report_input, directory):
    """A report of the web form, and its receipt."""
    return case_create_from_report(report=report_input(
        **NANTES, criteria=("handicap",), domain="emploi_prive", narrative=NARRATIVE,
        contact={"email": "personne@example.org", "phone": "0611223344"},
    ), channel=Channel.FORM)


def _propose(console, case):
    return console.post(f"/console/dossiers/{case.reference}/orienter/", {
        "action": "record", "postal_code": "44000", "criteria": ["handicap"], "domain": "emploi_prive",
        "services": [service(PERMANENCE).pk], "mode": "hand_over", "shared": ["grounds", "place"],
        "message": "Une personne à recevoir rapidement.",
    })


def _person(client_factory, receipt):
    person = client_factory()
    open_followup(person, receipt)
    return person


def _answer(person, orientation, decision):
    return person.post("/suivi/", {"action": "handover", "orientation": orientation.pk, "decision": decision})


def test_on_a_web_case_the_adviser_proposes_and_the_partner_gets_nothing_yet(console, adviser, web_case, client_factory):
    case, _receipt = web_case
    assert _propose(console, case).status_code == 302
    orientation = Orientation.objects.get(case=case)
    assert orientation.status == OrientationStatus.PROPOSED and not orientation.handed_over
    assert orientation.consent_at is None
    assert not OutboundMail.objects.filter(kind="orientation").exists() and not mail.outbox
    assert AuditEvent.objects.filter(case_id=case.pk, action="orientation.propose", actor=adviser).exists()
    # Even a link made for it opens nothing before the person's yes.
    assert client_factory().get(f"/orientation/{orientation_token(orientation)}/").status_code == 404
    assert "la personne confirme ou refuse sur sa page de suivi" in text(console.get(f"/console/dossiers/{case.reference}/"))


def test_the_person_sees_what_would_be_shared_then_confirms_and_the_partner_gets_the_link(
    console, web_case, client_factory, django_capture_on_commit_callbacks
):
    case, receipt = web_case
    _propose(console, case)
    orientation = Orientation.objects.get(case=case)
    person = _person(client_factory, receipt)
    page = text(person.get("/suivi/"))
    assert "Votre accord est demandé" in page and "Ce qui lui serait transmis" in page
    assert "Handicap" in page and "44000 Nantes" in page and "Une personne à recevoir rapidement." in page

    with django_capture_on_commit_callbacks(execute=True):
        response = _answer(person, orientation, "accept")
    assert response.status_code == 302
    orientation.refresh_from_db()
    assert orientation.status == OrientationStatus.SENT and orientation.handed_over
    assert orientation.consent_how == ConsentHow.PERSON and orientation.consent_at
    event = AuditEvent.objects.get(case_id=case.pk, action="orientation.consent")
    assert event.actor is None and event.detail["consent"] == ConsentHow.PERSON
    [sent] = mail.outbox
    assert sent.to == ["orientation@handi-droits-44.example.org"] and NARRATIVE not in sent.body
    partner_page = text(client_factory().get(partner_link(sent)))
    assert "Handicap" in partner_page and NARRATIVE not in partner_page

    page = text(person.get("/suivi/"))
    assert "votre situation est transmise à la structure" in page and "Votre accord est demandé" not in page
    assert "accord donné par la personne sur sa page de suivi" in text(console.get(f"/console/dossiers/{case.reference}/"))


def test_the_person_may_refuse_and_nothing_is_sent_nor_kept(console, web_case, client_factory):
    case, receipt = web_case
    _propose(console, case)
    orientation = Orientation.objects.get(case=case)
    person = _person(client_factory, receipt)
    assert _answer(person, orientation, "refuse").status_code == 302
    orientation.refresh_from_db()
    assert orientation.status == OrientationStatus.REFUSED and not orientation.handed_over
    assert orientation.handover == {} and orientation.message == ""
    assert not OutboundMail.objects.filter(kind="orientation").exists()
    assert AuditEvent.objects.filter(case_id=case.pk, action="orientation.refuse").exists()
    assert "rien n'est transmis à la structure" in text(person.get("/suivi/"))
    # Her answer is given once: a later yes changes nothing.
    assert _answer(person, orientation, "accept").status_code == 404
    assert Orientation.objects.get(pk=orientation.pk).status == OrientationStatus.REFUSED


def test_another_receipt_can_neither_see_nor_confirm_the_proposal(console, web_case, make_case, client_factory):
    case, _receipt = web_case
    _propose(console, case)
    orientation = Orientation.objects.get(case=case)
    _other, other_receipt = make_case(**NANTES)
    stranger = _person(client_factory, other_receipt)
    assert "Votre accord est demandé" not in text(stranger.get("/suivi/"))
    assert _answer(stranger, orientation, "accept").status_code == 404
    orientation.refresh_from_db()
    assert orientation.status == OrientationStatus.PROPOSED and not mail.outbox


def test_nobody_without_a_receipt_can_confirm(console, web_case, client):
    case, _receipt = web_case
    _propose(console, case)
    orientation = Orientation.objects.get(case=case)
    client.post("/suivi/", {"action": "handover", "orientation": orientation.pk, "decision": "accept"})
    assert Orientation.objects.get(pk=orientation.pk).status == OrientationStatus.PROPOSED


def test_a_report_sent_by_the_api_is_confirmed_by_the_person_too(report_input, directory):
    case, _receipt = case_create_from_report(report=report_input(**NANTES), channel=Channel.API)
    [orientation] = orientation_record(case=case, services=[service(PERMANENCE)], actor=None, hand_over=True,
                                       consent=True, shared=["grounds"])
    assert orientation.status == OrientationStatus.PROPOSED and not orientation.handed_over


def test_on_a_phone_case_the_advisers_tick_is_recorded_as_oral_consent(console, adviser, report_input, directory, django_capture_on_commit_callbacks):
    case, _receipt = case_create_from_report(report=report_input(**NANTES, criteria=("handicap",)), channel=Channel.PHONE)
    with django_capture_on_commit_callbacks(execute=True):
        console.post(f"/console/dossiers/{case.reference}/orienter/", {
            "action": "record", "postal_code": "44000", "criteria": ["handicap"], "services": [service(PERMANENCE).pk],
            "mode": "hand_over", "consent": "on", "shared": ["grounds"],
        })
    orientation = Orientation.objects.get(case=case)
    assert orientation.status == OrientationStatus.SENT and orientation.consent_how == ConsentHow.ORAL
    assert len(mail.outbox) == 1
    event = AuditEvent.objects.get(case_id=case.pk, action="orientation.record")
    assert event.actor == adviser and event.detail["consent"] == ConsentHow.ORAL
    assert "consentement recueilli oralement" in text(console.get(f"/console/dossiers/{case.reference}/"))
