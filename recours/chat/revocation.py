"""An adviser's sockets end with their right to the console.

Two ways, so that neither alone has to be perfect:

- pushed: logout (and the idle timeout, which logs out), deactivation of the account, loss
  of a team membership or deactivation of a team send an event to the group of the user's
  sockets (`user_group`); each socket then checks its own session again, or closes at once
  when it is the session just logged out (the signal comes before the session is erased);
- checked: every frame an adviser's socket receives (the console sends a heartbeat every
  15 s) first checks the session again (`staff_session_check`): it still exists, is still the
  user's (Django's session hash: a password change ends it), carries the second factor, is
  not idle past RECOURS_STAFF_IDLE_SECONDS, and the user is active and in an active team.

The receivers below are connected in `ChatConfig.ready`: accounts knows nothing of the chat
(dependencies go chat → accounts), so the chat listens to what accounts and Django announce.
"""

from __future__ import annotations

import asyncio
import logging
from importlib import import_module
from types import SimpleNamespace

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.contrib.auth import get_user as session_user
from django.contrib.sessions.backends.base import UpdateError
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)


def user_group(user_id: int) -> str:
    return f"chat.user.{user_id}"


def staff_session_check(*, session_key: str, user_id: int, touch: bool = False) -> bool:
    """Whether this session still opens the console to this user (see the module's docstring).

    With `touch`, the session's last activity is set to now (a frame the adviser typed is
    activity, as a request is); a session erased meanwhile is not brought back.
    """
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.models import Device

    from recours.accounts.middleware import LAST_ACTIVITY_KEY
    from recours.accounts.selectors import memberships_of

    if not session_key:
        return False
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key=session_key)
    # Django's own reading of a session: the user it names, if its password hash still matches.
    user = session_user(SimpleNamespace(session=store))
    if store.session_key is None or not user.is_authenticated or user.pk != user_id or not user.is_active:
        return False
    persistent_id = store.get(DEVICE_ID_SESSION_KEY)
    device = Device.from_persistent_id(persistent_id) if persistent_id else None
    if device is None or device.user_id != user.pk:
        return False
    now = int(timezone.now().timestamp())
    last = store.get(LAST_ACTIVITY_KEY)
    if last is not None and now - int(last) > settings.RECOURS_STAFF_IDLE_SECONDS:
        return False
    if not memberships_of(user).exists():
        return False
    if touch:
        store[LAST_ACTIVITY_KEY] = now
        try:
            store.save(must_create=False)
        except UpdateError:  # logged out in between
            return False
    return True


def _push(user_id: int, event: dict) -> None:
    """Send to the user's sockets. Never fails the change that caused it: the per-frame check stays."""
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is None:
            async_to_sync(layer.group_send)(user_group(user_id), event)
        else:  # called from synchronous code running inside an event loop's thread
            loop.create_task(layer.group_send(user_group(user_id), event))
    except Exception:
        logger.exception("could not tell the sockets of user %s to check their session", user_id)


def sockets_check(user_id: int) -> None:
    """After the commit, the user's sockets check their sessions again (and close if it no longer holds)."""
    transaction.on_commit(lambda: _push(user_id, {"type": "session.check"}))


def on_logged_out(sender, request, user, **kwargs):
    """Logout and idle timeout: the sockets of that session close at once; the user's others check theirs."""
    if user is None or getattr(request, "session", None) is None:
        return
    from recours.chat.services import presence_leave

    # No longer present for the chat at once (another open session of theirs beats again within 15 s).
    presence_leave(user)
    _push(user.pk, {"type": "session.check", "revoked": request.session.session_key or ""})


def on_user_saved(sender, instance, **kwargs):
    # Deactivation, a new password (the session hash changes): checked by the sockets themselves.
    sockets_check(instance.pk)


def on_membership_deleted(sender, instance, **kwargs):
    sockets_check(instance.user_id)


def on_team_saved(sender, instance, **kwargs):
    if not instance.active:
        for user_id in instance.memberships.values_list("user_id", flat=True):
            sockets_check(user_id)


def connect_receivers() -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.signals import user_logged_out
    from django.db.models.signals import post_delete, post_save

    from recours.accounts.models import Membership, Team

    user_logged_out.connect(on_logged_out, dispatch_uid="chat.revocation.logged_out")
    post_save.connect(on_user_saved, sender=get_user_model(), dispatch_uid="chat.revocation.user_saved")
    post_delete.connect(on_membership_deleted, sender=Membership, dispatch_uid="chat.revocation.membership_deleted")
    post_save.connect(on_team_saved, sender=Team, dispatch_uid="chat.revocation.team_saved")
