from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "recours.partners"
    verbose_name = "Partenaires"
