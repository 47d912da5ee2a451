from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "recours.intake"
    label = "intake"
