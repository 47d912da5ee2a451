"""WebSocket consumers of the chat: the visitor's and the adviser's.

The protocol (JSON, one object per frame, field "t" for its type) is in docs/chat.md.
Messages are stored by services.message_post before anyone hears of them; the channel
layer then carries a bare wake-up ("there is news in conversation N") and each consumer
reads from the database the messages after the last id it has sent to its client. A
lost wake-up costs nothing but delay: the next one, or a reconnection, catches up.
"""

from __future__ import annotations

import time
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from recours.accounts.selectors import local_entry_get
from recours.chat import display, revocation, selectors, services
from recours.chat.models import Author, Conversation, ConversationStatus
from recours.core import ratelimit
from recours.core.admission import async_work_slot, busy_message
from recours.core.i18n import person_language
from recours.core.receipts import receipt_format
from recours.geo.selectors import COMMUNE_UNKNOWN


# Writing and reading messages run in the thread pool, not in the one thread that
# database_sync_to_async uses by default (thread_sensitive): one conversation's messages are
# still ordered by the database, and one process's sockets do not queue behind each other.
message_post = database_sync_to_async(services.message_post, thread_sensitive=False)
messages_after = database_sync_to_async(selectors.messages_after, thread_sensitive=False)
conversation_for_staff = database_sync_to_async(selectors.conversation_for_staff, thread_sensitive=False)
message_by_client_id = database_sync_to_async(selectors.message_by_client_id, thread_sensitive=False)
message_rate_allowed = database_sync_to_async(services.message_rate_allowed, thread_sensitive=False)
visitor_seen = database_sync_to_async(services.conversation_visitor_seen, thread_sensitive=False)


def conversation_group(pk: int) -> str:
    return f"chat.conv.{pk}"


def team_group(pk: int) -> str:
    return f"chat.team.{pk}"


def message_payload(message) -> dict:
    return {
        "t": "m",
        "id": message.seq,
        "from": message.author,
        "body": message.body,
        "at": message.created_at.isoformat(),
        "cid": message.client_id,
    }


def place_payload(place) -> dict:
    """A place the policy refuses, for the visitor: the message, the field, and the communes to
    choose from when the code has several."""
    communes = [[c.insee_code, c.name] for c in place.candidates] if place.error_field == "commune" else []
    return {"t": "place", "field": place.error_field, "message": place.error,
            "communes": communes if len(communes) > 1 else []}


class _ChatConsumer(AsyncJsonWebsocketConsumer):
    sent: dict[int, int]
    revoked = False  # an adviser's socket whose session no longer holds: nothing more goes out

    async def connect(self):
        self.sent = {}
        self.groups_joined: set[str] = set()
        # Flood limits and the chat budget are counted per client (a keyed hash of the address,
        # never the address) and per conversation, in the database: not per connection.
        self.client_key = ratelimit.scope_client_key(self.scope)
        self.last_typing = 0.0
        if await self.allowed():
            await self.accept()
        else:
            await self.close(code=4403)

    async def allowed(self) -> bool:
        return True

    async def disconnect(self, code):
        for group in getattr(self, "groups_joined", ()):
            await self.channel_layer.group_discard(group, self.channel_name)

    async def join(self, group: str):
        if group not in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
            self.groups_joined.add(group)

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        # A frame far above the message limit is refused before it is parsed.
        if text_data is None or len(text_data) > settings.RECOURS_CHAT_MESSAGE_MAX_CHARS * 2 + 1000:
            await self.error(_("Votre message est trop long : %(max)d caractères au maximum.")
                             % {"max": settings.RECOURS_CHAT_MESSAGE_MAX_CHARS})
            return
        await super().receive(text_data=text_data, bytes_data=bytes_data, **kwargs)

    async def error(self, message: str, **extra):
        await self.send_json({"t": "error", "message": message, **extra})

    async def wake(self, conversation_id: int, *, state: bool = True, message=None):
        event = {"type": "chat.wake", "conv": conversation_id, "state": state}
        if message is not None:
            # The stored message rides along: a consumer whose client is exactly one message
            # behind sends it without reading the database; any gap is read from the database.
            event["message"] = message_payload(message)
        await self.channel_layer.group_send(conversation_group(conversation_id), event)

    async def deliver(self, conversation_id: int, message: dict | None = None):
        """Send the client every stored message after the last one it got."""
        after = self.sent.get(conversation_id, 0)
        if message is not None:
            if message["id"] <= after:
                return  # already sent (read from the database after a gap)
            if message["id"] == after + 1:
                await self.send_json({**message, "conv": conversation_id})
                self.sent[conversation_id] = message["id"]
                return
        for stored in await messages_after(conversation_id, after):
            await self.send_json({**message_payload(stored), "conv": conversation_id})
            self.sent[conversation_id] = stored.seq

    async def chat_typing(self, event):
        if event.get("sender") != self.channel_name and not self.revoked:
            await self.send_json({"t": "typing", "conv": event["conv"], "who": event["who"]})

    async def typing(self, conversation_id: int, who: str):
        now = time.monotonic()
        if now - self.last_typing < 1.5:
            return
        self.last_typing = now
        await self.channel_layer.group_send(
            conversation_group(conversation_id),
            {"type": "chat.typing", "conv": conversation_id, "who": who, "sender": self.channel_name},
        )

    async def post(self, conversation_id: int, content: dict, *, author: str, user=None) -> bool:
        cid = str(content.get("cid") or "")[:64]
        known = await message_by_client_id(conversation_id, author, cid)
        if known is None and not await message_rate_allowed(
            conversation_id=conversation_id, author=author,
            client_key=self.client_key if author == Author.VISITOR else "",
        ):
            await self.send_json({
                "t": "refused", "cid": cid, "conv": conversation_id,
                "message": _("Vous envoyez des messages trop vite. Attendez quelques secondes avant le suivant."),
            })
            return False
        try:
            message, _created = await message_post(
                conversation_id=conversation_id, author=author, body=str(content.get("body") or ""),
                client_id=cid, user=user,
            )
        except services.ChatError as exc:
            await self.send_json({"t": "refused", "cid": cid, "conv": conversation_id, "message": exc.message})
            return False
        await self.send_json({"t": "ack", "cid": cid, "id": message.seq, "conv": conversation_id})
        self.last_typing = 0.0  # typing after a message is announced again
        await self.wake(conversation_id, state=False, message=message)
        return True


class VisitorConsumer(_ChatConsumer):
    """/ws/tchat/ — one anonymous person, one conversation. The token is the only key to it."""

    conversation_id: int | None = None

    @property
    def language(self) -> str:
        """The chat page's language: the socket's `langue` (visitor.html puts the address's prefix)."""
        query = parse_qs((self.scope.get("query_string") or b"").decode("latin-1"))
        return person_language((query.get("langue") or [""])[0])

    async def dispatch(self, message):
        # Every fixed text sent to the visitor (errors, notes, offline frames) in their language.
        with translation.override(self.language):
            await super().dispatch(message)

    # The visitor's activity (what tells a live chat from an abandoned one, see jobs.py) is
    # written at most this often: the page sends `sync` every 15 s while it is open.
    SEEN_SECONDS = 60.0
    seen_at = 0.0

    async def seen(self):
        now = time.monotonic()
        if self.conversation_id is not None and now - self.seen_at >= self.SEEN_SECONDS:
            self.seen_at = now
            await visitor_seen(conversation_id=self.conversation_id)

    async def receive_json(self, content, **kwargs):
        kind = content.get("t") if isinstance(content, dict) else None
        if self.conversation_id is not None and kind in ("msg", "typing", "sync"):
            await self.seen()
        if kind == "start" and self.conversation_id is None:
            await self.start(content)
        elif kind == "resume" and self.conversation_id is None:
            await self.resume(content)
        elif self.conversation_id is None:
            await self.error(_("La conversation n'a pas commencé."))
        elif kind == "msg":
            await self.post(self.conversation_id, content, author=Author.VISITOR)
        elif kind == "typing":
            await self.typing(self.conversation_id, "visitor")
        elif kind == "sync":
            # The page asks now and then: a wake-up the layer dropped delays a message, never loses it.
            await self.deliver(self.conversation_id)
        elif kind in ("end", "leave"):
            await self.end()

    async def start(self, content):
        # Past capacity, a "try again in a moment" (core/admission.py); the start form stays filled.
        async with async_work_slot("chat:start") as admitted:
            if not admitted:
                await self.send_json({"t": "limited", "message": busy_message()})
                return
            await self._start(content)

    async def _start(self, content):
        postal_code = str(content.get("postal_code") or "")[:10]
        # The place by the one policy of every channel: a code with several communes is asked
        # about first ("commune" absent); "" is the visitor's « Je ne sais pas » (the département routes).
        commune = content.get("commune")
        commune = None if commune is None else (str(commune)[:10] or COMMUNE_UNKNOWN)
        place = await database_sync_to_async(services.conversation_place)(
            postal_code=postal_code, commune=commune, ask=True
        )
        if place.error:
            await self.send_json(place_payload(place))
            return
        # Up the place's chain of teams (commune, département, région, national) to one with
        # an adviser present; otherwise the truth about why, and the other ways in.
        # Started from a team's local entry (/l/<slug>/): that team first, then up the chain.
        entry = await database_sync_to_async(local_entry_get)(str(content.get("entry") or "")[:60])
        status = await database_sync_to_async(selectors.chat_status)(
            commune_id=place.commune_id, departement_id=place.departement_id,
            first_team=entry.team if entry is not None else None,
        )
        if not status.available:
            await self.send_json(await database_sync_to_async(_offline_frame)(status))
            return
        if not await database_sync_to_async(services.conversation_start_allowed)(client_key=self.client_key):
            # A chat may become a case: it shares the written reports' budget (nothing typed yet is lost).
            minutes = max(1, settings.RECOURS_REPORT_RATE_WINDOW // 60)
            await self.send_json({"t": "limited", "message": _(
                "Trop de conversations ou de signalements ont été commencés depuis votre connexion. "
                "Réessayez dans %(minutes)d minutes au plus. En danger immédiat, appelez le 17 ou le 112."
            ) % {"minutes": minutes}})
            return
        conversation, token = await database_sync_to_async(services.conversation_start)(
            postal_code=postal_code, commune=commune, ground=str(content.get("ground") or "")[:50],
            domain=str(content.get("domain") or "")[:50], team=status.team, language=self.language,
        )
        self.conversation_id = conversation.pk
        await self.join(conversation_group(conversation.pk))
        started = {"t": "started", "token": token}
        if status.escalated:
            started["note"] = display.escalation_text(status)
        await self.send_json(started)
        await self.send_state()
        await self.channel_layer.group_send(team_group(conversation.team_id), {"type": "queue.changed"})

    async def resume(self, content):
        conversation = await database_sync_to_async(selectors.conversation_for_token)(str(content.get("token") or ""))
        if conversation is None:
            await self.send_json({"t": "unknown"})
            return
        self.conversation_id = conversation.pk
        await self.seen()
        try:
            self.sent[conversation.pk] = max(0, int(content.get("after") or 0))
        except (TypeError, ValueError):
            self.sent[conversation.pk] = 0
        await self.join(conversation_group(conversation.pk))
        await self.deliver(conversation.pk)
        await self.send_state()

    async def end(self):
        conversation = await database_sync_to_async(Conversation.objects.get)(pk=self.conversation_id)
        try:
            # The service tells this page, the adviser's and the team's queue (chat.notify).
            await database_sync_to_async(services.conversation_end)(conversation=conversation, actor=None)
        except services.ChatError:
            await self.deliver(self.conversation_id)  # already ended by the adviser: this page catches up
            await self.send_state()

    async def send_state(self):
        conversation = await database_sync_to_async(Conversation.objects.get)(pk=self.conversation_id)
        if conversation.status == ConversationStatus.ENDED:
            # Ended meanwhile: the last messages (the end's own line) come before the end and the receipt.
            await self.deliver(self.conversation_id)
        state = {"t": "state", "status": conversation.status}
        if conversation.status == ConversationStatus.WAITING:
            state["wait_minutes"] = await database_sync_to_async(selectors.wait_estimate_minutes)(conversation)
        await self.send_json(state)
        if conversation.status == ConversationStatus.ENDED:
            receipt = await database_sync_to_async(services.receipt_take)(conversation.pk)
            if receipt:
                # Grouped by four, as the form's receipt page shows it (one formatter).
                await self.send_json(
                    {"t": "receipt", "code": receipt_format(receipt), "followup_url": reverse("intake:followup")}
                )

    async def chat_wake(self, event):
        await self.deliver(event["conv"], event.get("message"))
        if event.get("state"):
            await self.send_state()

    async def queue_changed(self, event):
        pass


def _offline_frame(status) -> dict:
    from recours.core.instance import instance_get

    return display.offline_payload(status, instance=instance_get())


@database_sync_to_async
def verified_staff(scope):
    """The scope's user if logged in with both factors and in an active team, else None."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.models import Device

    from recours.accounts.selectors import memberships_of

    user = scope.get("user")
    session = scope.get("session")
    if user is None or not user.is_authenticated or not user.is_active or session is None:
        return None
    persistent_id = session.get(DEVICE_ID_SESSION_KEY)
    device = Device.from_persistent_id(persistent_id) if persistent_id else None
    if device is None or device.user_id != user.pk or not memberships_of(user).exists():
        return None
    return user


session_check = database_sync_to_async(revocation.staff_session_check, thread_sensitive=False)


class AdviserConsumer(_ChatConsumer):
    """/ws/console/tchat/ — an adviser's console page: presence, queue changes, the chats they hold.

    The socket lives only as long as the session that opened it opens the console
    (recours.chat.revocation): checked on every frame received, and at once when the user
    logs out, times out, is deactivated or loses a team (an event to the user's group).
    """

    # Frames a person causes (not the automatic heartbeat) count as activity for the idle
    # timeout, written to the session at most this often.
    ACTIVITY_TOUCH_SECONDS = 60.0

    async def allowed(self) -> bool:
        self.held_at: dict[int, float] = {}
        self.revoked = False
        self.touched_at = 0.0
        self.user = await verified_staff(self.scope)
        session = self.scope.get("session")
        self.session_key = getattr(session, "session_key", None) if session is not None else None
        return self.user is not None and bool(self.session_key)

    async def connect(self):
        await super().connect()
        if getattr(self, "user", None) is not None:
            await self.join(revocation.user_group(self.user.pk))
            await database_sync_to_async(services.presence_beat)(self.user)
            team_ids = await database_sync_to_async(
                lambda: list(self.user.memberships.filter(team__active=True).values_list("team_id", flat=True))
            )()
            for team_id in team_ids:
                await self.join(team_group(team_id))

    async def send_waiting(self):
        """How many chats wait in the adviser's teams: announced on every console page."""
        count = await database_sync_to_async(selectors.waiting_count, thread_sensitive=False)(self.user)
        await self.send_json({"t": "waiting", "count": count})

    HELD_CHECK_SECONDS = 5.0

    async def held(self, content) -> int | None:
        """The conversation named in the frame, if this adviser holds it (else an error, None).

        A positive answer is kept HELD_CHECK_SECONDS (and dropped at once on a change of the
        conversation): a message costs no extra query, and a missed wake-up cannot let a
        former holder write for longer than that.
        """
        try:
            pk = int(content.get("conv"))
        except (TypeError, ValueError):
            pk = None
        checked = self.held_at.get(pk)
        if checked is not None and time.monotonic() - checked < self.HELD_CHECK_SECONDS:
            return pk
        conversation = await conversation_for_staff(self.user, pk) if pk else None
        if conversation is None or not selectors.conversation_held_by(conversation, self.user):
            self.held_at.pop(pk, None)
            await self.error(_("Vous ne tenez pas cette conversation."), conv=pk)
            return None
        self.held_at[pk] = time.monotonic()
        return conversation.pk

    async def still_allowed(self, kind) -> bool:
        """Check the session again before acting on a frame; close the socket if it no longer holds."""
        if self.revoked:
            return False
        touch = kind in ("watch", "msg", "typing") and time.monotonic() - self.touched_at >= self.ACTIVITY_TOUCH_SECONDS
        if not await session_check(session_key=self.session_key, user_id=self.user.pk, touch=touch):
            await self.revoke()
            return False
        if touch:
            self.touched_at = time.monotonic()
        return True

    async def revoke(self):
        if self.revoked:
            return
        self.revoked = True
        self.sent.clear()
        await self.send_json({"t": "closed", "message": _("Votre session a pris fin : reconnectez-vous à la console pour reprendre.")})
        await database_sync_to_async(services.presence_leave)(self.user)
        await self.close(code=4401)

    async def session_check(self, event):
        """Pushed by recours.chat.revocation: this session was logged out, or the user's rights changed."""
        if self.revoked:
            return
        if event.get("revoked") and event["revoked"] == self.session_key:
            await self.revoke()
        else:
            await self.still_allowed(None)

    async def receive_json(self, content, **kwargs):
        kind = content.get("t") if isinstance(content, dict) else None
        if not await self.still_allowed(kind):
            return
        if kind == "beat":
            await database_sync_to_async(services.presence_beat)(self.user)
            await self.send_waiting()  # the count, also right after the page opened its socket
            for pk in list(self.sent):  # catch up on anything a dropped wake-up left behind
                await self.deliver(pk)
            return
        if kind not in ("watch", "msg", "typing"):
            return
        pk = await self.held(content)
        if pk is None:
            return
        if kind == "watch":
            try:
                self.sent[pk] = max(0, int(content.get("after") or 0))
            except (TypeError, ValueError):
                self.sent[pk] = 0
            await self.join(conversation_group(pk))
            await self.deliver(pk)
        elif kind == "msg":
            await self.post(pk, content, author=Author.ADVISER, user=self.user)
        elif kind == "typing":
            await self.typing(pk, "adviser")

    async def chat_wake(self, event):
        pk = event["conv"]
        if self.revoked or pk not in self.sent:
            return
        if event.get("state"):
            self.held_at.pop(pk, None)
            # Taken, transferred or ended: a chat this adviser no longer holds stops flowing here
            # (after a transfer to another team, its messages must not reach this team).
            conversation = await conversation_for_staff(self.user, pk)
            if conversation is None or conversation.adviser_id != self.user.pk:
                del self.sent[pk]
                group = conversation_group(pk)
                await self.channel_layer.group_discard(group, self.channel_name)
                self.groups_joined.discard(group)
                await self.send_json({"t": "state", "conv": pk})
                return
        await self.deliver(pk, event.get("message"))
        if event.get("state"):
            await self.send_json({"t": "state", "conv": pk})

    async def queue_changed(self, event):
        if not self.revoked:
            await self.send_json({"t": "queue"})
            await self.send_waiting()
