from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollectiveConfig(AppConfig):
    name = "recours.collective"
    label = "collective"
    verbose_name = _("traitement collectif")

    def ready(self) -> None:
        from recours.collective import receivers

        receivers.connect()
