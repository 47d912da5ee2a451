"""Sockets are opened only from this site's own origin: scheme, host and port, not the host alone."""

import pytest
from asgiref.sync import async_to_sync

from recours.asgi import application
from tests.chat.ws import WebsocketCommunicator


def _opens(origin: str | None, host: str = "testserver", scheme: str = "ws") -> bool:
    headers = [(b"host", host.encode())]
    if origin is not None:
        headers.append((b"origin", origin.encode()))

    async def run():
        socket = WebsocketCommunicator(application, "/ws/tchat/", headers=headers)
        socket.scope["scheme"] = scheme
        connected, _code = await socket.connect()
        await socket.disconnect()
        return connected

    return async_to_sync(run)()


def test_a_socket_from_the_sites_own_origin_opens(db):
    assert _opens("http://testserver")
    assert _opens("http://127.0.0.1:8000", host="127.0.0.1:8000")
    assert _opens("https://testserver", scheme="wss")


def test_a_socket_from_the_same_host_with_another_scheme_is_refused(db):
    assert not _opens("https://testserver")
    assert not _opens("http://testserver", scheme="wss")


def test_a_socket_from_the_same_host_on_another_port_is_refused(db):
    assert not _opens("https://127.0.0.1:9999", host="127.0.0.1:8000")
    assert not _opens("http://127.0.0.1:9999", host="127.0.0.1:8000")
    assert not _opens("http://testserver:8080")


def test_a_socket_without_origin_or_from_a_host_not_allowed_is_refused(db):
    assert not _opens(None)
    assert not _opens("null")
    assert not _opens("http://evil.example", host="evil.example")


def test_a_trusted_origin_opens_with_its_scheme_and_port_only(db, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://recours.example.org", "https://*.ville.example"]
    assert _opens("https://recours.example.org")
    assert _opens("https://tchat.ville.example")
    assert not _opens("http://recours.example.org")
    assert not _opens("https://recours.example.org:8443")
    assert not _opens("https://ville.example.evil")


def test_behind_a_tls_proxy_the_forwarded_scheme_counts(db, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

    async def run(origin, proto):
        headers = [(b"host", b"testserver"), (b"origin", origin.encode()), (b"x-forwarded-proto", proto.encode())]
        socket = WebsocketCommunicator(application, "/ws/tchat/", headers=headers)
        connected, _code = await socket.connect()
        await socket.disconnect()
        return connected

    assert async_to_sync(run)("https://testserver", "https")
    assert not async_to_sync(run)("http://testserver", "https")
