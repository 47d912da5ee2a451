from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "recours.casework"
    label = "casework"
