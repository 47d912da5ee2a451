from django.apps import AppConfig


class ChatConfig(AppConfig):
    name = "recours.chat"
    label = "chat"

    def ready(self):
        from recours.casework.signals import case_purging
        from recours.chat.revocation import connect_receivers
        from recours.chat.services import on_case_purging

        connect_receivers()
        case_purging.connect(on_case_purging, dispatch_uid="chat.case_purging")
