"""A theme that does not exist is a deployment error, reported by `manage.py check`."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def theme_exists(app_configs, **kwargs):
    from recours.theme.loaders import available_themes

    themes = available_themes()
    if settings.RECOURS_THEME not in themes:
        return [Error(f"RECOURS_THEME={settings.RECOURS_THEME!r} is not a theme ({', '.join(themes)}).",
                      id="theme.E001")]
    return []
