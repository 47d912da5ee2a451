"""A body over RECOURS_REQUEST_MAX_BYTES is refused with 413 before it is read, whatever the page."""

import asyncio

from django.test import Client

from recours.casework.models import Attachment
from recours.intake.models import ReportDraft
from tests.intake.files import PDF, upload
from tests.intake.walk import page


def test_a_body_over_the_limit_is_refused_before_the_view_runs(db, settings):
    settings.RECOURS_REQUEST_MAX_BYTES = 4000
    response = Client().post(
        "/formulaire/", {"step": "files", "action": "upload", "file": upload("gros.pdf", PDF + b"0" * 5000)}
    )
    assert response.status_code == 413
    assert "trop volumineu" in page(response)
    assert not ReportDraft.objects.exists() and not Attachment.objects.exists()


def test_the_api_gets_its_413_in_json(db, settings):
    settings.RECOURS_REQUEST_MAX_BYTES = 100
    response = Client().post("/api/v1/reports", '{"narrative": "' + "x" * 200 + '"}', content_type="application/json")
    assert response.status_code == 413
    assert response.json()["message"].startswith("La requête est trop volumineuse")


# The ASGI application (what uvicorn serves): refused on the announced length, or while streaming.


def call_asgi(app, *, headers, chunks):
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
        "path": "/formulaire/", "raw_path": b"/formulaire/", "query_string": b"", "root_path": "",
        "headers": headers, "client": ("203.0.113.9", 5000), "server": ("testserver", 80),
    }
    pending = [{"type": "http.request", "body": chunk, "more_body": i < len(chunks) - 1} for i, chunk in enumerate(chunks)]
    read, sent = [], []

    async def receive():
        if pending:
            message = pending.pop(0)
            read.append(len(message["body"]))
            return message
        await asyncio.sleep(3600)

    async def send(message):
        sent.append(message)

    asyncio.run(asyncio.wait_for(app(scope, receive, send), 10))
    return sent, read


def recorder():
    calls = []

    async def app(scope, receive, send):
        calls.append(scope["path"])
        while True:
            message = await receive()
            if message["type"] == "http.disconnect" or not message.get("more_body"):
                break
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    return app, calls


def test_the_asgi_application_refuses_an_announced_length_over_the_limit_without_reading(settings):
    from recours.asgi import application

    settings.RECOURS_REQUEST_MAX_BYTES = 1000
    sent, read = call_asgi(application, headers=[(b"content-length", b"50000000")], chunks=[b"x" * 1000] * 3)
    assert sent[0]["type"] == "http.response.start" and sent[0]["status"] == 413
    assert "trop volumineu" in b"".join(m.get("body", b"") for m in sent[1:]).decode()
    assert read == []


def test_a_streamed_body_is_cut_at_the_limit(settings):
    from recours.core.bodylimit import BodyLimitASGIMiddleware

    settings.RECOURS_REQUEST_MAX_BYTES = 2500
    inner, calls = recorder()
    sent, read = call_asgi(BodyLimitASGIMiddleware(inner), headers=[], chunks=[b"x" * 1000] * 10)
    assert [m["status"] for m in sent if m["type"] == "http.response.start"] == [413]
    assert sum(read) == 3000


def test_a_body_within_the_limit_goes_through(settings):
    from recours.core.bodylimit import BodyLimitASGIMiddleware

    settings.RECOURS_REQUEST_MAX_BYTES = 2500
    inner, calls = recorder()
    sent, _read = call_asgi(
        BodyLimitASGIMiddleware(inner), headers=[(b"content-length", b"2000")], chunks=[b"x" * 1000] * 2
    )
    assert calls == ["/formulaire/"] and sent[0]["status"] == 200
