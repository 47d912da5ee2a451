"""Template loaders that put the current theme's folder before the apps' templates.

A theme (recours/theme/themes/<name>/templates) replaces component templates and the
stylesheet include only; pages never change. The theme is settings.RECOURS_THEME, except
while `theme_override(name)` is active: the component gallery uses it in development to show
every component in each theme from one process. The cache is keyed by theme, so a template
loaded under one theme is never served under another.
"""

from __future__ import annotations

import contextlib
from contextvars import ContextVar
from pathlib import Path

from django.conf import settings
from django.template.loaders import cached, filesystem

THEMES_DIR = Path(__file__).resolve().parent / "themes"
DEFAULT_THEME = "default"

_override: ContextVar[str | None] = ContextVar("recours_theme_override", default=None)


def available_themes() -> list[str]:
    """"default" (the apps' own templates) and every folder of recours/theme/themes."""
    folders = sorted(p.name for p in THEMES_DIR.iterdir() if (p / "templates").is_dir()) if THEMES_DIR.is_dir() else []
    return [DEFAULT_THEME, *folders]


def current_theme() -> str:
    return _override.get() or getattr(settings, "RECOURS_THEME", DEFAULT_THEME) or DEFAULT_THEME


@contextlib.contextmanager
def theme_override(name: str):
    """Render with theme `name` inside the block (the gallery's switch)."""
    token = _override.set(name)
    try:
        yield
    finally:
        _override.reset(token)


class ThemeLoader(filesystem.Loader):
    """The current theme's template folder (none for "default")."""

    def get_dirs(self):
        theme = current_theme()
        if theme == DEFAULT_THEME:
            return []
        return [THEMES_DIR / theme / "templates"]


class Loader(cached.Loader):
    """Django's cached loader, with the theme in the cache key."""

    def cache_key(self, template_name, skip=None):
        return f"{current_theme()}:{super().cache_key(template_name, skip)}"
