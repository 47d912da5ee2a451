"""The console's navigation: each app declares its entries, the layout shows those a user may see.

An app declares its entries in its own `console.py`, as data: a tuple `CONSOLE_ENTRIES` of
dicts with the fields of `ConsoleEntry` (section, label, url_name, order; optionally
query, fragment, visible, count, count_label). The console reads every installed app's module once, on
first need, so no app imports the console: it depends on the apps it shows, never the
other way round. The current page's entry is the one whose `section` is the page's
`console_section` (it gets `aria-current="page"`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module


def everyone(user) -> bool:
    return True


@dataclass(frozen=True)
class ConsoleEntry:
    section: str  # the `console_section` of the pages it leads to
    label: str  # a lazy translation, French
    url_name: str
    order: int
    query: str = ""  # appended to the URL ("vue=moi": a tab of a list page)
    fragment: str = ""  # a part of the page ("rappels": a block of the home page)
    visible: Callable = everyone  # user -> bool: who sees the entry
    count: Callable | None = None  # user -> int: a number shown after the label, when not 0
    count_label: str = ""  # read after the number by screen readers ("en attente")


@functools.cache
def console_entries() -> tuple[ConsoleEntry, ...]:
    """Every declared entry, in order (the `CONSOLE_ENTRIES` of the apps' `console.py`)."""
    from django.apps import apps
    from django.utils.module_loading import module_has_submodule

    entries: dict[str, ConsoleEntry] = {}
    for app_config in apps.get_app_configs():
        # The project's apps only: another package's `console` module is not ours to import.
        if not app_config.name.startswith("recours.") or not module_has_submodule(app_config.module, "console"):
            continue
        module = import_module(f"{app_config.name}.console")
        for declared in getattr(module, "CONSOLE_ENTRIES", ()):
            entry = ConsoleEntry(**declared)
            if entry.section in entries:
                raise ValueError(f"Two console entries for the section {entry.section!r}")
            entries[entry.section] = entry
    return tuple(sorted(entries.values(), key=lambda entry: (entry.order, entry.section)))


def console_navigation(user, *, current: str = "") -> list[dict]:
    """The entries the user sees, with their number (if any) and whether it is the current page."""
    from django.urls import reverse

    return [
        {
            "section": entry.section,
            "label": entry.label,
            "url": reverse(entry.url_name) + (f"?{entry.query}" if entry.query else "")
            + (f"#{entry.fragment}" if entry.fragment else ""),
            "count": entry.count(user) if entry.count else 0,
            "count_label": entry.count_label,
            "current": entry.section == current,
        }
        for entry in console_entries()
        if entry.visible(user)
    ]


def console_counts(user) -> dict[str, int]:
    """The number of every counted entry the user sees, by section (what the nav shows and the
    notifications endpoint returns: counts only, never what the cases say)."""
    return {entry.section: entry.count(user) for entry in console_entries() if entry.count and entry.visible(user)}
