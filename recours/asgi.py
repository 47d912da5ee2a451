"""ASGI entry point: uvicorn recours.asgi:application.

HTTP goes to Django behind admission control (recours.core.admission: past capacity, a 503
for the expensive API routes before Django) and the body size limit (recours.core.bodylimit: 413 before the body
is read); WebSockets (the chat, recours.chat.routing) go to Channels, behind a
check of the whole Origin header — scheme, host and port — against the site's own origin
and CSRF_TRUSTED_ORIGINS (recours.core.websocket: another site's page, or a page on another
port or scheme, cannot open a socket with the visitor's or the adviser's cookies), then the
session and user of the cookie.
Importing it (a server process starting) also starts building the scrubbing engine in the
background (docs/observatory.md, "Review").
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recours.settings")

django_application = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402  (after Django is set up)
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from recours.chat.routing import websocket_urlpatterns  # noqa: E402
from recours.core.admission import AdmissionASGIMiddleware  # noqa: E402
from recours.core.bodylimit import BodyLimitASGIMiddleware  # noqa: E402
from recours.core.websocket import SameOriginValidator  # noqa: E402
from recours.observatory.scrub.engine import start_warm_up  # noqa: E402

# The scrubbing engine (spaCy, several seconds) is built in the background as the server
# starts, not in the first excerpt review (RECOURS_OBSERVATORY_SCRUB_WARMUP=0 turns it off).
start_warm_up()

from recours.casework.referral import pdf_warm_up_in_background  # noqa: E402

# The first referral PDF of a process paid WeasyPrint's import and first layout (1.5 s):
# paid here, in the background, when the web process starts (RECOURS_PDF_WARM_UP).
pdf_warm_up_in_background()

application = ProtocolTypeRouter(
    {
        # Past capacity, expensive API routes get a 503 before Django (recours.core.admission).
        "http": AdmissionASGIMiddleware(BodyLimitASGIMiddleware(django_application)),
        "websocket": SameOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
    }
)
