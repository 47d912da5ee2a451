"""Past capacity, the expensive endpoints answer a fast 503 with Retry-After; nothing is lost.

"Full" is made real, not simulated: the test holds the process's only slot
(RECOURS_ADMISSION_CONCURRENCY = 1) as a concurrent request would, and releases it after.
"""

import json
import threading

import pytest
from asgiref.sync import async_to_sync
from django.db import OperationalError
from django.test import RequestFactory

from recours.casework.models import Case
from recours.core import admission
from tests.intake.walk import fill_all_steps, page, submit

REPORT = {
    "role": "temoin",
    "narrative": "J'ai vu un videur refuser l'entrée à deux jeunes en disant « pas ce soir, pas vous ».",
    "postal_code": "44000",
    "period": "semaine",
    "criteria": ["origine"],
    "domain": "biens_services",
    "steps_taken": ["rien"],
    "consent": True,
}


@pytest.fixture
def one_slot(settings):
    settings.RECOURS_ADMISSION_CONCURRENCY = 1
    settings.RECOURS_ADMISSION_WAIT_MS = 0
    settings.RECOURS_ADMISSION_RETRY_AFTER = 3


@pytest.fixture
def full(one_slot):
    """Another request holds the process's only slot for the length of the test."""
    with admission.work_slot() as admitted:
        assert admitted
        yield


def test_a_second_concurrent_request_is_refused_while_the_first_runs(one_slot):
    started, release = threading.Event(), threading.Event()

    @admission.admission_required
    def slow_view(request):
        started.set()
        release.wait(timeout=30)
        return "done"

    results = []
    first = threading.Thread(target=lambda: results.append(slow_view(RequestFactory().post("/api/v1/reports"))))
    first.start()
    assert started.wait(timeout=30)
    refused = slow_view(RequestFactory().post("/api/v1/reports"))
    release.set()
    first.join(timeout=30)
    assert refused.status_code == 503 and refused["Retry-After"] == "3"
    assert results == ["done"]
    assert slow_view(RequestFactory().post("/api/v1/reports")) == "done"  # the slot was given back


def test_the_api_answers_a_503_in_french_json_when_full(client, db, full):
    response = client.post("/api/v1/reports", json.dumps(REPORT), content_type="application/json")
    assert response.status_code == 503
    assert response["Retry-After"] == "3"
    assert response["Content-Type"] == "application/json"
    assert response.json()["message"].startswith("Le service reçoit beaucoup de demandes en ce moment.")
    assert not Case.objects.exists()


def test_a_report_sent_by_the_api_once_the_slot_is_free_is_recorded(client, db, one_slot):
    response = client.post("/api/v1/reports", json.dumps(REPORT), content_type="application/json")
    assert response.status_code == 201


def test_the_form_answers_a_french_page_that_keeps_the_draft(client, db, one_slot):
    fill_all_steps(client)
    with admission.work_slot() as admitted:
        assert admitted
        response = client.post("/formulaire/", {"step": "summary", "action": "submit"})
    assert response.status_code == 503
    assert response["Retry-After"] == "3"
    text = page(response)
    assert "Service très sollicité" in text
    assert "tout ce que vous avez écrit est gardé" in text
    assert "Envoyer à nouveau mon signalement" in text
    assert not Case.objects.exists()
    # The draft is still there: the summary shows what was typed, and sending it again works.
    assert "L'agence a refusé ma candidature" in page(client.get("/formulaire/"))
    assert "Votre signalement est envoyé" in page(submit(client))
    assert Case.objects.count() == 1


def test_a_receipt_check_is_refused_when_full_but_its_form_still_shows(client, db, full):
    assert client.get("/suivi/").status_code == 200
    response = client.post("/suivi/", {"receipt": "1234 5678 9012 3456"})
    assert response.status_code == 503 and response["Retry-After"] == "3"
    assert "Service très sollicité" in page(response)
    api = client.get("/api/v1/followup", HTTP_X_RECEIPT="1234567890123456")
    assert api.status_code == 503 and api.json()["message"].startswith("Le service reçoit beaucoup")


def test_a_view_that_gets_no_pooled_connection_in_time_answers_503_not_500(client, db, monkeypatch):
    from psycopg_pool import PoolTimeout

    from recours.api import followup

    def no_connection(receipt):
        try:
            raise PoolTimeout("couldn't get a connection after 3.00 sec")
        except PoolTimeout as exc:  # as Django's wrapper raises it
            raise OperationalError(str(exc)) from exc

    monkeypatch.setattr(followup, "case_for_receipt", no_connection)
    response = client.get("/api/v1/followup", HTTP_X_RECEIPT="1234567890123456")
    assert response.status_code == 503 and response["Retry-After"]


@pytest.mark.django_db(transaction=True)
def test_a_chat_start_when_full_says_to_try_again_and_starts_nothing(live_reference_data, one_slot):
    from recours.asgi import application
    from recours.chat.models import Conversation
    from tests.chat.ws import WebsocketCommunicator

    async def run():
        socket = WebsocketCommunicator(
            application, "/ws/tchat/", headers=[(b"origin", b"http://testserver"), (b"host", b"testserver")]
        )
        socket.scope["client"] = ("203.0.113.7", 40000)
        assert (await socket.connect())[0]
        with admission.work_slot() as admitted:
            assert admitted
            await socket.send_json_to({"t": "start", "postal_code": "44000"})
            frame = await socket.receive_json_from(timeout=5)
        await socket.disconnect()
        return frame

    frame = async_to_sync(run)()
    assert frame["t"] == "limited"
    assert frame["message"].startswith("Le service reçoit beaucoup de demandes en ce moment.")
    assert not Conversation.objects.exists()


def test_the_asgi_gate_refuses_an_api_report_before_django_when_full(db, one_slot):
    """Under uvicorn, expensive API routes are refused before Django runs (no thread, no middleware)."""
    from asgiref.testing import ApplicationCommunicator

    from recours.asgi import application

    async def post():
        scope = {"type": "http", "method": "POST", "path": "/api/v1/reports", "query_string": b"", "headers": [
            (b"host", b"testserver"), (b"content-type", b"application/json")], "server": ("testserver", 80)}
        communicator = ApplicationCommunicator(application, scope)
        await communicator.send_input({"type": "http.request", "body": json.dumps(REPORT).encode()})
        start = await communicator.receive_output(timeout=10)
        body = await communicator.receive_output(timeout=10)
        return start, body

    with admission.work_slot() as admitted:
        assert admitted
        start, body = async_to_sync(post)()
    assert start["status"] == 503
    assert (b"retry-after", b"3") in start["headers"]
    assert json.loads(body["body"])["message"].startswith("Le service reçoit beaucoup de demandes")
    assert not Case.objects.exists()


def test_every_route_the_asgi_gate_guards_exists_under_its_name():
    from django.urls import resolve

    for (method, path), name in admission.ASGI_GUARDED.items():
        assert resolve(path).view_name == name
