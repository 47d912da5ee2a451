from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LocalPlanConfig(AppConfig):
    name = "recours.localplan"
    label = "localplan"
    verbose_name = _("rapport pour le plan local")
