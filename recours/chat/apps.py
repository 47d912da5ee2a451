from django.apps import AppConfig


class ChatConfig(AppConfig):
    name = "recours.chat"
    label = "chat"
