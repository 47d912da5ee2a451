"""ASGI entry point: uvicorn recours.asgi:application.

HTTP goes to Django; WebSockets (the chat, recours.chat.routing) go to Channels, behind a
check of the Origin header against ALLOWED_HOSTS (another site's page cannot open a socket
with the visitor's or the adviser's cookies) and the session and user of the cookie.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recours.settings")

django_application = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402  (after Django is set up)
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from recours.chat.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_application,
        "websocket": AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
    }
)
