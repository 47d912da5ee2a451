"""Wake the consumers after a change made outside them (console actions): after the commit."""

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction


def _send(group: str, event: dict) -> None:
    layer = get_channel_layer()
    if layer is not None:
        async_to_sync(layer.group_send)(group, event)


def conversation_changed(conversation, *, team_ids=()) -> None:
    """The visitor's and the advisers' pages re-read the conversation; the teams' queues refresh."""
    from recours.chat.consumers import conversation_group, team_group

    def send():
        _send(conversation_group(conversation.pk), {"type": "chat.wake", "conv": conversation.pk, "state": True})
        for team_id in {conversation.team_id, *team_ids}:
            _send(team_group(team_id), {"type": "queue.changed"})

    transaction.on_commit(send)
