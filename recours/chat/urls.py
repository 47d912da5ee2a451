"""The console's chat routes (unprefixed French); the visitor's page is in public_urls.py."""

from django.urls import path

from recours.chat import views

app_name = "chat"

urlpatterns = [
    path("console/tchat/", views.console_queue, name="console_queue"),
    path("console/tchat/<int:pk>/", views.console_conversation, name="console_conversation"),
    path("console/tchat/<int:pk>/prendre/", views.console_accept, name="console_accept"),
    path("console/tchat/<int:pk>/transferer/", views.console_transfer, name="console_transfer"),
    path("console/tchat/<int:pk>/terminer/", views.console_end, name="console_end"),
    path("console/tchat/<int:pk>/note/", views.console_note, name="console_note"),
]
