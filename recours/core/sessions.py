"""Read-only sessions for polling endpoints.

Every request saves its session (SESSION_SAVE_EVERY_REQUEST: a public session ends after
SESSION_COOKIE_AGE idle, and a staff session's last activity is written by
accounts.middleware). A page that polls every few seconds would then write the session row
as often, concurrently with the page loads of the same browser: the two writes race (on
SQLite one waits for the other's lock and may fail; on any database the later save overwrites
what the other request put in the session, a CSRF token or a flash message), and Django answers
a failed save with SessionInterrupted — a 400 "Requête incorrecte" on the page being loaded.
A poll is also not activity: if it extended the session, an open tab would never time out.

A view decorated with `session_read_only` reads the session and never saves it: the
middleware below (it replaces Django's SessionMiddleware) skips the save, and the staff idle
timeout neither writes the last activity nor logs out on such a request (the next real page
does). Such a view must not write into the session (nothing it writes would be kept).
"""

from __future__ import annotations

from functools import wraps

from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware


def session_read_only(view):
    """Mark a view whose requests read the session without saving it (polling endpoints)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return view(request, *args, **kwargs)

    wrapper.session_read_only = True
    return wrapper


def is_session_read_only(view_func) -> bool:
    return bool(getattr(view_func, "session_read_only", False))


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's, except that a request to a `session_read_only` view never saves its session."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        request.session_read_only = is_session_read_only(view_func)

    def process_response(self, request, response):
        if getattr(request, "session_read_only", False):
            return response
        return super().process_response(request, response)
