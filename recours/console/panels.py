"""Panels other apps add to the case file, without casework importing them.

An app declares its panels in its own `console.py`, as data: a tuple `CASE_PANELS` of dicts
with `template` (a template name), `context` (a callable `(case, user) -> dict`, the
template's context besides the page's) and `order` (place among the other apps' panels).
Read once, like `CONSOLE_ENTRIES` (nav.py). No app imports the console: casework's case
template asks for them with the console's tag (`{% load console %}{% case_panels case as panels %}`)
and includes each in one loop, with the panel's context as `panel`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module


@dataclass(frozen=True)
class CasePanel:
    template: str
    context: Callable  # (case, user) -> dict
    order: int


@functools.cache
def declared_case_panels() -> tuple[CasePanel, ...]:
    from django.apps import apps
    from django.utils.module_loading import module_has_submodule

    panels = []
    for app_config in apps.get_app_configs():
        if not app_config.name.startswith("recours.") or not module_has_submodule(app_config.module, "console"):
            continue
        module = import_module(f"{app_config.name}.console")
        panels += [CasePanel(**declared) for declared in getattr(module, "CASE_PANELS", ())]
    return tuple(sorted(panels, key=lambda panel: (panel.order, panel.template)))


def case_panels(case, user) -> list[dict]:
    """The panels to show on this case for this user: [{"template": ..., "context": {...}}]."""
    return [{"template": panel.template, "context": panel.context(case, user)} for panel in declared_case_panels()]
