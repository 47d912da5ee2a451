"""The platform's ASGI application plus a bare echo consumer, for bench/chat.py only.

The echo runs in the same processes, behind the same origin check, session and auth
middleware as the chat: its round trip is the floor a chat message is compared to.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recours.settings")

from django.core.asgi import get_asgi_application  # noqa: E402

django_application = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.generic.websocket import AsyncWebsocketConsumer  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.urls import path  # noqa: E402

from recours.chat.routing import websocket_urlpatterns  # noqa: E402


class EchoConsumer(AsyncWebsocketConsumer):
    """Sends back each frame: directly, or (frames starting with "L") through the channel layer."""

    async def connect(self):
        self.group = "bench.echo." + self.channel_name.replace("!", ".")[-40:]
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None):
        if text_data and text_data.startswith("L"):
            await self.channel_layer.group_send(self.group, {"type": "echo.back", "text": text_data})
        else:
            await self.send(text_data=text_data)

    async def echo_back(self, event):
        await self.send(text_data=event["text"])


application = ProtocolTypeRouter(
    {
        "http": django_application,
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter([*websocket_urlpatterns, path("ws/bench/echo/", EchoConsumer.as_asgi())]))
        ),
    }
)
