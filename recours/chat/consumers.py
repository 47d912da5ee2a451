"""WebSocket consumers of the chat: the visitor's and the adviser's.

The protocol (JSON, one object per frame, field "t" for its type) is in docs/chat.md.
Messages are stored by services.message_post before anyone hears of them; the channel
layer then carries a bare wake-up ("there is news in conversation N") and each consumer
reads from the database the messages after the last id it has sent to its client. A
lost wake-up costs nothing but delay: the next one, or a reconnection, catches up.
"""

from __future__ import annotations

import time

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from recours.chat import selectors, services
from recours.chat.models import Author, Conversation, ConversationStatus


# Writing and reading messages run in the thread pool, not in the one thread that
# database_sync_to_async uses by default (thread_sensitive): one conversation's messages are
# still ordered by the database, and one process's sockets do not queue behind each other.
message_post = database_sync_to_async(services.message_post, thread_sensitive=False)
messages_after = database_sync_to_async(selectors.messages_after, thread_sensitive=False)
conversation_for_staff = database_sync_to_async(selectors.conversation_for_staff, thread_sensitive=False)


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


class FloodGuard:
    """At most RECOURS_CHAT_RATE_MESSAGES messages per RECOURS_CHAT_RATE_SECONDS on one connection."""

    def __init__(self):
        self.times: list[float] = []

    def allow(self) -> bool:
        now = time.monotonic()
        self.times = [t for t in self.times if now - t < settings.RECOURS_CHAT_RATE_SECONDS]
        if len(self.times) >= settings.RECOURS_CHAT_RATE_MESSAGES:
            return False
        self.times.append(now)
        return True


class _ChatConsumer(AsyncJsonWebsocketConsumer):
    sent: dict[int, int]

    async def connect(self):
        self.sent = {}
        self.groups_joined: set[str] = set()
        self.flood = FloodGuard()
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
        if event.get("sender") != self.channel_name:
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
        if not self.flood.allow():
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

    async def receive_json(self, content, **kwargs):
        kind = content.get("t") if isinstance(content, dict) else None
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
        postal_code = str(content.get("postal_code") or "")[:10]
        team, _commune = await database_sync_to_async(services.conversation_team)(postal_code)
        availability = await database_sync_to_async(selectors.availability)(team)
        if not availability.available:
            await self.send_json(offline_payload(availability))
            return
        conversation, token = await database_sync_to_async(services.conversation_start)(
            postal_code=postal_code, ground=str(content.get("ground") or "")[:50],
            domain=str(content.get("domain") or "")[:50],
        )
        self.conversation_id = conversation.pk
        await self.join(conversation_group(conversation.pk))
        await self.send_json({"t": "started", "token": token})
        await self.send_state()
        await self.channel_layer.group_send(team_group(conversation.team_id), {"type": "queue.changed"})

    async def resume(self, content):
        conversation = await database_sync_to_async(selectors.conversation_for_token)(str(content.get("token") or ""))
        if conversation is None:
            await self.send_json({"t": "unknown"})
            return
        self.conversation_id = conversation.pk
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
            await database_sync_to_async(services.conversation_end)(conversation=conversation, actor=None)
        except services.ChatError:
            pass
        await self.wake(self.conversation_id)
        await self.channel_layer.group_send(team_group(conversation.team_id), {"type": "queue.changed"})

    async def send_state(self):
        conversation = await database_sync_to_async(Conversation.objects.get)(pk=self.conversation_id)
        state = {"t": "state", "status": conversation.status}
        if conversation.status == ConversationStatus.WAITING:
            state["wait_minutes"] = await database_sync_to_async(selectors.wait_estimate_minutes)(conversation)
        await self.send_json(state)
        if conversation.status == ConversationStatus.ENDED:
            receipt = await database_sync_to_async(services.receipt_take)(conversation.pk)
            if receipt:
                await self.send_json({"t": "receipt", "code": receipt, "followup_url": reverse("intake:followup")})

    async def chat_wake(self, event):
        await self.deliver(event["conv"], event.get("message"))
        if event.get("state"):
            await self.send_state()

    async def queue_changed(self, event):
        pass


def offline_payload(availability) -> dict:
    from recours.chat.models import Weekday

    days = {}
    for slot in availability.slots:
        days.setdefault(slot.weekday, []).append(
            _("%(start)s à %(end)s") % {"start": slot.opens_at.strftime("%H:%M").replace(":", " h "),
                                        "end": slot.closes_at.strftime("%H:%M").replace(":", " h ")}
        )
    hours = [f"{Weekday(day).label} : {', '.join(times)}" for day, times in sorted(days.items())]
    if availability.open:
        message = _("Aucun·e conseiller·ère n'est disponible pour le moment.")
    else:
        message = _("Le tchat est fermé en ce moment (il est fermé les jours fériés).")
    payload = {"t": "offline", "message": message, "hours": hours, "form_url": reverse("intake:report")}
    if availability.next_opening:
        from recours.chat.hours import PARIS

        payload["next"] = _("Prochaine ouverture : %(when)s.") % {
            "when": formats.date_format(availability.next_opening.astimezone(PARIS), "l j F à H \\h i")
        }
    return payload


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


class AdviserConsumer(_ChatConsumer):
    """/ws/console/tchat/ — an adviser's console page: presence, queue changes, the chats they hold."""

    async def allowed(self) -> bool:
        self.held_at: dict[int, float] = {}
        self.user = await verified_staff(self.scope)
        return self.user is not None

    async def connect(self):
        await super().connect()
        if getattr(self, "user", None) is not None:
            await database_sync_to_async(services.presence_beat)(self.user)
            team_ids = await database_sync_to_async(
                lambda: list(self.user.memberships.filter(team__active=True).values_list("team_id", flat=True))
            )()
            for team_id in team_ids:
                await self.join(team_group(team_id))

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
        if conversation is None or conversation.adviser_id != self.user.pk or conversation.status != ConversationStatus.ACTIVE:
            self.held_at.pop(pk, None)
            await self.error(_("Vous ne tenez pas cette conversation."), conv=pk)
            return None
        self.held_at[pk] = time.monotonic()
        return conversation.pk

    async def receive_json(self, content, **kwargs):
        kind = content.get("t") if isinstance(content, dict) else None
        if kind == "beat":
            await database_sync_to_async(services.presence_beat)(self.user)
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
        if pk not in self.sent:
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
        await self.send_json({"t": "queue"})
