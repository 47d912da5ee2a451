"""Whether and how a public page offers the chat: one answer for every entry."""

from __future__ import annotations

from recours.chat.display import ChatOffer, offer_for
from recours.chat.selectors import chat_status
from recours.core.instance import instance_get


def chat_offer_get(*, commune_id: str | None = None, place_known: bool = False) -> ChatOffer | None:
    """The chat's entry (link, availability now, hours, next opening), or None when the
    instance does not offer the chat ("Proposer le tchat" in the instance's settings).

    Without a place (home page, header, form's start), "available" means available for every
    place; a page that knows the person's commune (the follow-up page) asks for that place.
    """
    if not instance_get().chat_enabled:
        return None
    return offer_for(chat_status(commune_id=commune_id, place_known=place_known))
