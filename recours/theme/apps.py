from django.apps import AppConfig


class ThemeConfig(AppConfig):
    name = "recours.theme"
    label = "theme"

    def ready(self):
        from recours.theme import checks  # noqa: F401  (registers the theme check)
