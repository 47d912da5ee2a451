"""The visitor's chat page: public, so under the language prefix (recours/urls.py).

The console's chat routes stay in recours/chat/urls.py (namespace "chat"), unprefixed French.
"""

from django.urls import path

from recours.chat import views

app_name = "chat_public"

urlpatterns = [
    path("tchat/", views.visitor, name="visitor"),
]
