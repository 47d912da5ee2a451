from django.apps import AppConfig


class ConsoleConfig(AppConfig):
    name = "recours.console"
    label = "console"
    verbose_name = "Console"
