"""The chat's gauges for the metrics endpoint (core.metrics, read at each scrape)."""

from recours.chat.models import Conversation, ConversationStatus
from recours.core.metrics import metrics_gauge


@metrics_gauge("recours_chats_waiting", "Chats waiting for an adviser.")
def chats_waiting() -> int:
    return Conversation.objects.filter(status=ConversationStatus.WAITING).count()
