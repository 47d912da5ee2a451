from django.apps import AppConfig


class GeoConfig(AppConfig):
    name = "recours.geo"
    label = "geo"
