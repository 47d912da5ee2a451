"""Idle timeout of staff sessions.

Public sessions already end after SESSION_COOKIE_AGE idle (saved on every request).
A logged-in user's session also ends after RECOURS_STAFF_IDLE_SECONDS without a
request, checked here against a last-activity time kept in the session: the two
settings are independent, and the shorter one wins. Sessions without a login are
left alone (nothing is written into them).
"""

from django.conf import settings
from django.contrib.auth import logout
from django.utils import timezone

LAST_ACTIVITY_KEY = "recours_staff_last_activity"
IDLE_LOGOUT_KEY = "recours_staff_idle_logout"


class StaffIdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            now = int(timezone.now().timestamp())
            last = request.session.get(LAST_ACTIVITY_KEY)
            if last is not None and now - int(last) > settings.RECOURS_STAFF_IDLE_SECONDS:
                logout(request)
                request.session[IDLE_LOGOUT_KEY] = True
            else:
                request.session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)
