from django.apps import AppConfig


class ThemeConfig(AppConfig):
    name = "recours.theme"
    label = "theme"
