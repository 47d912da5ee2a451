from django.urls import path

from recours.chat.consumers import AdviserConsumer, VisitorConsumer

websocket_urlpatterns = [
    path("ws/tchat/", VisitorConsumer.as_asgi()),
    path("ws/console/tchat/", AdviserConsumer.as_asgi()),
]
