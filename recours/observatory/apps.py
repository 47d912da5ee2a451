from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObservatoryConfig(AppConfig):
    name = "recours.observatory"
    verbose_name = _("observatoire")

    def ready(self) -> None:
        from recours.observatory import receivers

        receivers.connect()
