"""A WebSocket test communicator on asgiref's ApplicationCommunicator.

Channels' own (channels.testing) imports daphne, a server we do not use (uvicorn serves us).
"""

import json
from urllib.parse import unquote, urlparse

from asgiref.testing import ApplicationCommunicator


class WebsocketCommunicator(ApplicationCommunicator):
    def __init__(self, application, path: str, headers=None):
        parsed = urlparse(path)
        scope = {
            "type": "websocket",
            "path": unquote(parsed.path),
            "query_string": parsed.query.encode(),
            "headers": headers or [],
            "subprotocols": [],
        }
        super().__init__(application, scope)

    async def connect(self, timeout=5):
        await self.send_input({"type": "websocket.connect"})
        response = await self.receive_output(timeout)
        if response["type"] == "websocket.close":
            return False, response.get("code", 1000)
        assert response["type"] == "websocket.accept"
        return True, None

    async def send_to(self, text_data: str):
        await self.send_input({"type": "websocket.receive", "text": text_data})

    async def send_json_to(self, data):
        await self.send_to(json.dumps(data))

    async def receive_json_from(self, timeout=5):
        response = await self.receive_output(timeout)
        assert response["type"] == "websocket.send", response
        return json.loads(response["text"])

    async def disconnect(self, code=1000, timeout=5):
        await self.send_input({"type": "websocket.disconnect", "code": code})
        await self.wait(timeout)


ORIGIN = [(b"origin", b"http://testserver"), (b"host", b"testserver")]


def session_headers(client) -> list:
    """The headers of a browser of `client` (logged in): same origin, its session cookie."""
    from django.conf import settings

    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    return [*ORIGIN, (b"cookie", cookie.encode())]


async def connected(path="/ws/tchat/", headers=None):
    from recours.asgi import application

    socket = WebsocketCommunicator(application, path, headers=headers or ORIGIN)
    is_connected, _code = await socket.connect()
    assert is_connected
    return socket


async def until(socket, kind):
    """Frames up to the first of type `kind`: (that frame, the ones before)."""
    before = []
    while True:
        frame = await socket.receive_json_from(timeout=5)
        if frame["t"] == kind:
            return frame, before
        before.append(frame)
