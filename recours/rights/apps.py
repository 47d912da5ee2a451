from django.apps import AppConfig


class RightsConfig(AppConfig):
    name = "recours.rights"
    label = "rights"
