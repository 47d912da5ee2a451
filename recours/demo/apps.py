from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data for `make run`: never loaded in production (the command refuses without DEBUG)."""

    name = "recours.demo"
    label = "demo"
