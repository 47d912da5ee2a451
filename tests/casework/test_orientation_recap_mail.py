"""The recap mail of a closed case lists the contacts given, unless the adviser unticks it."""

from django.core import mail

from recours.casework.models import Outcome
from recours.directory.models import Service
from recours.casework.orientation import orientation_record
from tests.factories import NANTES


def close(console, case, django_capture_on_commit_callbacks, **extra):
    with django_capture_on_commit_callbacks(execute=True):
        console.post(f"/console/dossiers/{case.reference}/clore/", {"outcome": Outcome.ORIENTATION, **extra})
    [recap] = mail.outbox
    return recap


def oriented_case(make_case):
    case, _ = make_case(contact={"email": "personne@example.org"}, notify_by_email=True,
                        narrative="Refus de location après avoir donné mon nom.", **NANTES)
    orientation_record(case=case, services=[Service.objects.get(di_id="recours-demo--logement-egal-conseil")], actor=None)
    return case


def test_the_recap_lists_the_contacts_given(console, make_case, directory, django_capture_on_commit_callbacks):
    recap = close(console, oriented_case(make_case), django_capture_on_commit_callbacks, recap_contacts="on")
    assert "Les contacts que nous vous avons donnés :" in recap.body
    assert "Conseil logement et discriminations (démo) (Maison du logement sans discrimination (démo)) : 02 61 91 00 05" in recap.body
    assert "Refus de location" not in recap.body


def test_an_unsafe_mailbox_gets_no_contact_names(console, make_case, directory, django_capture_on_commit_callbacks):
    recap = close(console, oriented_case(make_case), django_capture_on_commit_callbacks)
    assert "Conseil logement" not in recap.body and "02 61 91 00 05" not in recap.body
    assert "http://testserver/suivi/" in recap.body


def test_the_recap_writes_phone_numbers_as_people_read_them(console, make_case, directory, django_capture_on_commit_callbacks):
    from recours.core.instance import instance_get

    instance = instance_get()
    instance.phone = "0800123456"
    instance.save()
    recap = close(console, oriented_case(make_case), django_capture_on_commit_callbacks, recap_contacts="on")
    assert ": 02 61 91 00 05" in recap.body and "0261910005" not in recap.body
    assert "Pour nous joindre : 08 00 12 34 56" in recap.body


def test_the_recap_gives_the_sign_language_relay_after_the_phone(console, make_case, directory, django_capture_on_commit_callbacks):
    from recours.core.instance import instance_get

    instance = instance_get()
    instance.phone = "0800123456"
    instance.sign_language_relay_url = "https://relais.example.org/appel"
    instance.sign_language_relay_hours = "9 h – 18 h"
    instance.save()
    recap = close(console, oriented_case(make_case), django_capture_on_commit_callbacks)
    after = recap.body.split("Pour nous joindre : 08 00 12 34 56", 1)[1]
    assert "Personnes sourdes ou malentendantes, en langue des signes, en LfPC ou par écrit : https://relais.example.org/appel (9 h – 18 h)" in after
