from django import template

register = template.Library()


@register.simple_tag
def chat_offer_for(commune_id):
    """`{% chat_offer_for case.commune_id as chat_offer %}`: the chat's entry for a known place
    (None when the chat is not offered). Pages without a place use the `chat_offer` context."""
    from recours.chat.offer import chat_offer_get

    return chat_offer_get(commune_id=commune_id or None, place_known=True)


@register.simple_tag
def chat_waiting_count(user) -> int:
    """The chats waiting in the user's teams, rendered at page load (the count works without JS)."""
    from recours.chat.selectors import waiting_count

    if not getattr(user, "is_authenticated", False):
        return 0
    return waiting_count(user)
