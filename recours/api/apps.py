from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "recours.api"
    label = "api"
