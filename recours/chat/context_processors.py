from django.utils.functional import SimpleLazyObject


def chat_offer(request):
    """`chat_offer` in every template: the chat's entry for a page that knows nothing of the
    person's place (the header, the home page), or None when the instance does not offer the
    chat. Computed only if a template uses it."""
    from recours.chat.offer import chat_offer_get

    return {"chat_offer": SimpleLazyObject(chat_offer_get)}
