"""Idle timeout of staff sessions.

Public sessions already end after SESSION_COOKIE_AGE idle (saved on every request).
A logged-in user's session also ends after RECOURS_STAFF_IDLE_SECONDS without a
request, checked here against a last-activity time kept in the session: the two
settings are independent, and the shorter one wins. Sessions without a login are
left alone (nothing is written into them).

A polling view (`core.sessions.session_read_only`) is not activity: its requests neither
write the last activity nor log out (an idle session is seen as logged out for the poll,
and the next page load ends it), so a poll never writes the session.
"""

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from recours.core.sessions import is_session_read_only

LAST_ACTIVITY_KEY = "recours_staff_last_activity"
IDLE_LOGOUT_KEY = "recours_staff_idle_logout"


class StaffIdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Here rather than in __call__: whether the view only reads the session is known now.
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            read_only = is_session_read_only(view_func)
            now = int(timezone.now().timestamp())
            last = request.session.get(LAST_ACTIVITY_KEY)
            if last is not None and now - int(last) > settings.RECOURS_STAFF_IDLE_SECONDS:
                if read_only:
                    request.user = AnonymousUser()
                    return None
                logout(request)
                request.session[IDLE_LOGOUT_KEY] = True
            elif not read_only:
                request.session[LAST_ACTIVITY_KEY] = now
        return None
