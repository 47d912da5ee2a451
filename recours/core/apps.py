from django.apps import AppConfig


class CoreConfig(AppConfig):
    verbose_name = "Instance"
    name = "recours.core"
    label = "core"
