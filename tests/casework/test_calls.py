"""Phone call sheets: an incoming call becomes a case, a callback is planned, made and noted."""

import datetime as dt

from django.db import connection
from django.utils import timezone

from recours.casework.call_forms import started_stamp
from recours.casework.models import Case, CallDirection, Channel, PhoneCall, ScheduledCall
from recours.casework.selectors import case_for_receipt
from recours.core.models import AuditEvent
from tests.factories import NANTES
from tests.intake.test_followup import open_followup
from tests.intake.walk import page

PROBLEM = "On m'a refusé la location de l'appartement rue Kervégan quand j'ai dit mon nom."


def sheet(**overrides) -> dict:
    data = {
        "started": started_stamp(timezone.now() - dt.timedelta(minutes=7)),
        "scenario": "victim",
        "step_introduction": "Présentation faite.",
        "step_caller": "Mme Lina, pour elle-même.",
        "step_problem": PROBLEM,
        "step_support": "Informée du délai de prescription de six ans.",
        "postal_code": NANTES["postal_code"],
        "domain": "logement",
        "criteria": ["origine", "patronyme"],
        "period": "mois",
        "contact_phone": "06 12 34 56 78",
        "contact_best_time": "après 18 h",
    }
    data.update(overrides)
    return data


def test_a_call_sheet_records_a_phone_case_in_the_team_of_the_place(console, adviser, teams):
    response = console.post("/console/dossiers/appel/", sheet())
    assert response.status_code == 200
    text = page(response)
    assert "Appel enregistré" in text and "Ville de Nantes" in text

    case = Case.objects.get()
    assert case.channel == Channel.PHONE and case.team == teams["nantes"] and case.reporter_role_id == "victime"
    assert case.narrative == PROBLEM and case.domain_id == "logement"
    assert set(case.criteria_key.strip("|").split("|")) == {"origine", "patronyme"}
    call = PhoneCall.objects.get(case=case)
    assert call.direction == CallDirection.INCOMING and call.adviser == adviser and call.scenario == "victim"
    assert 6 * 60 <= call.duration_seconds <= 8 * 60  # counted from when the sheet was opened
    assert call.steps["support"] == "Informée du délai de prescription de six ans."
    assert AuditEvent.objects.filter(case_id=case.pk, action="call.record", actor=adviser).exists()


def test_the_receipt_read_out_on_the_phone_opens_the_follow_up_page(console, client_factory):
    text = page(console.post("/console/dossiers/appel/", sheet()))
    shown = text.split('id="receipt-code">')[1].split("<")[0]
    receipt = shown.replace(" ", "")
    case = Case.objects.get()
    assert case_for_receipt(receipt) == case
    assert receipt not in str(Case.objects.filter(pk=case.pk).values().get())  # only its hash is kept
    person = client_factory()
    open_followup(person, receipt)
    assert PROBLEM in page(person.get("/suivi/"))


def test_what_was_said_is_encrypted_at_rest(console):
    console.post("/console/dossiers/appel/", sheet())
    with connection.cursor() as cursor:
        cursor.execute("SELECT steps FROM casework_phonecall")
        (raw,) = cursor.fetchone()
    assert "prescription" not in str(raw) and "Kervégan" not in str(raw)


def test_a_sheet_without_the_problem_is_refused_and_keeps_what_was_typed(console):
    response = console.post("/console/dossiers/appel/", sheet(step_problem="  "))
    assert response.status_code == 400
    text = page(response)
    assert "Notez le problème et les besoins" in text
    assert "Informée du délai de prescription de six ans." in text and "06 12 34 56 78" in text
    assert not Case.objects.exists()


def test_scenario_1_bis_asks_who_is_calling(console):
    response = console.post("/console/dossiers/appel/", sheet(scenario="on_behalf"))
    assert response.status_code == 400 and "proche ou un·e professionnel·le" in page(response)
    response = console.post("/console/dossiers/appel/", sheet(scenario="on_behalf", caller_role="professionnel"))
    assert response.status_code == 200
    assert Case.objects.get().reporter_role_id == "professionnel"


def test_a_witness_call_is_recorded_as_a_witness_report(console):
    console.post("/console/dossiers/appel/", sheet(scenario="witness"))
    case = Case.objects.get()
    assert case.reporter_role_id == "temoin" and case.details["call_scenario"] == "witness"


def test_a_forged_opening_time_is_refused_and_a_typed_duration_is_kept(console):
    response = console.post("/console/dossiers/appel/", sheet(started="2020-01-01T00:00:00"))
    assert response.status_code == 400 and "notez la durée" in page(response)
    response = console.post("/console/dossiers/appel/", sheet(duration_minutes="25"))
    assert response.status_code == 200
    assert PhoneCall.objects.get().duration_seconds == 25 * 60


def test_an_unknown_postal_code_is_refused(console):
    response = console.post("/console/dossiers/appel/", sheet(postal_code="00000"))
    assert response.status_code == 400 and "Ce code postal n'existe pas" in page(response)


def test_a_planned_callback_shows_in_the_team_queue_until_it_is_made(console, paris_console, adviser):
    soon = timezone.localtime() + dt.timedelta(minutes=30)
    if soon.date() != timezone.localdate():  # just before midnight: plan it for now instead
        soon = timezone.localtime()
    console.post("/console/dossiers/appel/", sheet(
        callback_at=soon.strftime("%d/%m/%Y %H:%M"), callback_reason="Dire si le bailleur a répondu",
        callback_assignee=str(adviser.pk),
    ))
    case = Case.objects.get()
    callback = ScheduledCall.objects.get(case=case)
    assert callback.assigned_to == adviser and callback.reason == "Dire si le bailleur a répondu"

    queue = page(console.get("/console/dossiers/"))
    assert "Rappels à faire aujourd'hui" in queue and f"?rappel={callback.pk}" in queue
    assert "Dire si le bailleur a répondu" not in page(paris_console.get("/console/dossiers/"))

    form = page(console.get(f"/console/dossiers/{case.reference}/appels/?rappel={callback.pk}"))
    assert "06 12 34 56 78" in form and "après 18 h" in form
    response = console.post(f"/console/dossiers/{case.reference}/appels/", {
        "callback": str(callback.pk), "direction": "outgoing", "scenario": "victim",
        "step_problem": "Le bailleur n'a pas répondu ; elle va lui écrire.", "duration_minutes": "5",
    })
    assert response.status_code == 302 and response["Location"].endswith("#appels")
    callback.refresh_from_db()
    assert callback.done_at is not None and callback.done_call.direction == CallDirection.OUTGOING
    assert "Rappels à faire aujourd'hui" not in page(console.get("/console/dossiers/"))
    case_page = page(console.get(f"/console/dossiers/{case.reference}/"))
    assert "Le bailleur n'a pas répondu" in case_page and "fait le" in case_page


def test_a_callback_in_the_past_is_refused(console):
    response = console.post("/console/dossiers/appel/", sheet(callback_at="01/01/2020 10:00"))
    assert response.status_code == 400 and "dans le futur" in page(response)
    assert not Case.objects.exists()  # the case and its callback, or nothing


def test_a_callback_can_be_cancelled_once(console, adviser):
    tomorrow = timezone.localtime() + dt.timedelta(days=1)
    console.post("/console/dossiers/appel/", sheet(callback_at=tomorrow.strftime("%d/%m/%Y %H:%M")))
    case, callback = Case.objects.get(), ScheduledCall.objects.get()
    url = f"/console/dossiers/{case.reference}/rappels/{callback.pk}/annuler/"
    assert console.post(url).status_code == 302
    callback.refresh_from_db()
    assert callback.cancelled_at is not None
    assert "Ce rappel n'est plus à faire" in page(console.post(url, follow=True))
    assert AuditEvent.objects.filter(case_id=case.pk, action="callback.cancel").count() == 1


def test_another_team_cannot_note_a_call_or_cancel_a_callback(console, paris_console):
    tomorrow = timezone.localtime() + dt.timedelta(days=1)
    console.post("/console/dossiers/appel/", sheet(callback_at=tomorrow.strftime("%d/%m/%Y %H:%M")))
    case, callback = Case.objects.get(), ScheduledCall.objects.get()
    assert paris_console.get(f"/console/dossiers/{case.reference}/appels/").status_code == 404
    response = paris_console.post(f"/console/dossiers/{case.reference}/appels/", {
        "direction": "incoming", "scenario": "victim", "step_problem": "intrusion",
    })
    assert response.status_code == 404
    assert paris_console.post(f"/console/dossiers/{case.reference}/rappels/{callback.pk}/annuler/").status_code == 404
    callback.refresh_from_db()
    assert callback.cancelled_at is None and PhoneCall.objects.filter(case=case).count() == 1


def test_the_sheet_shows_the_guidance_of_each_scenario(console):
    text = page(console.get("/console/dossiers/appel/"))
    for words in ("Scénario 1 :", "Scénario 1 bis :", "Scénario 2 :", "nourrit l'observatoire", "appel est gratuit"):
        assert words in text


def test_a_call_to_the_person_is_planned_from_a_case_that_came_by_letter(console, paris_console, adviser, make_case):
    case, _receipt = make_case(**NANTES)
    Case.objects.filter(pk=case.pk).update(channel=Channel.LETTER)
    case_page = page(console.get(f"/console/dossiers/{case.reference}/"))
    assert f"/console/dossiers/{case.reference}/rappels/prevoir/" in case_page  # on every open case

    when = (timezone.localtime() + dt.timedelta(days=1)).strftime("%d/%m/%Y 10:00")
    missing = console.post(f"/console/dossiers/{case.reference}/rappels/prevoir/",
                           {"callback_reason": "Dire ce que le bailleur a répondu"})
    assert missing.status_code == 400 and "Indiquez quand appeler la personne." in page(missing)
    assert "Dire ce que le bailleur a répondu" in page(missing)  # what was typed is kept
    assert not ScheduledCall.objects.filter(case=case).exists()

    # Another team's adviser cannot plan a call on it, nor learn that it exists.
    refused = paris_console.post(f"/console/dossiers/{case.reference}/rappels/prevoir/", {"callback_at": when})
    assert refused.status_code == 404 and not ScheduledCall.objects.filter(case=case).exists()

    response = console.post(f"/console/dossiers/{case.reference}/rappels/prevoir/", {
        "callback_at": when, "callback_reason": "Dire ce que le bailleur a répondu", "callback_assignee": str(adviser.pk),
    })
    assert response.status_code == 302 and response["Location"].endswith("#appels")
    callback = ScheduledCall.objects.get(case=case)
    assert callback.assigned_to == adviser and callback.done_at is None
    assert AuditEvent.objects.filter(action="callback.schedule").exists()
    assert "Dire ce que le bailleur a répondu" in page(console.get(f"/console/dossiers/{case.reference}/"))
