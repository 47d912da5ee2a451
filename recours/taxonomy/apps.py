from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "recours.taxonomy"
    label = "taxonomy"
