"""The apps depend on each other one way (docs/architecture.md, "Apps and their dependencies").

Every import of `recours/` (at module level and inside functions, read with `ast`) and every
`{% extends %}` / `{% include %}` of its templates is an arrow from one app to another; each
must follow the order

    intake, api, chat, partners  →  casework  →  directory, accounts, taxonomy, geo  →  core

with `theme` and `console` as layout (any app may use them), `observatory` reading casework
only through its signals, selectors and models (read-only) and asking it to purge a case, and
nothing using `demo` — the tests neither, apart from the demo's own tests in tests/demo/.

An arrow against the order that remains because other work is in flight is listed in ALLOWED,
with the issue item that removes it: the list can only shrink (an entry no arrow uses fails).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECOURS = ROOT / "recours"

LAYOUT = {"theme", "console"}
_BASE = {"core", "geo", "taxonomy", "accounts"}
# What each app may use besides itself and the layout.
MAY_USE: dict[str, set[str]] = {
    "core": set(),
    "geo": {"core"},
    "taxonomy": {"core"},
    "accounts": {"core", "geo"},
    "directory": {"core", "geo", "taxonomy", "accounts"},
    "casework": _BASE | {"directory"},
    "intake": _BASE | {"directory", "casework"},
    "chat": _BASE | {"directory", "casework"},
    # The API checks a report with the form's own steps (intake.services.report_clean); its
    # partner routes (api/partner.py) authenticate partner keys and read what partners may see.
    "api": _BASE | {"directory", "casework", "intake", "partners"},
    # Partners fill the report's steps with the form's own logic (intake.views.step_post).
    "partners": _BASE | {"directory", "casework", "intake"},
    # Respondents, repeat signals, collective files, campaigns: read cases through casework's
    # selectors and purge signal; casework never imports it (its case panel is declared data).
    "collective": _BASE | {"directory", "casework"},
    # The local plan report: the observatory's published-figures functions, collective files and
    # campaigns, orientations by kind of partner (casework read-only); nothing imports it.
    "localplan": _BASE | {"observatory", "collective", "casework"},
    "observatory": _BASE,  # and casework, through OBSERVATORY_READS_CASEWORK only
    # Know your rights: public content on the taxonomy, linking to the directory's search;
    # the report form links to it by its addresses only.
    "rights": _BASE | {"directory"},
    "theme": {"core"},
    # The staff workspace shell: its home reads the apps it shows; no app imports it.
    "console": _BASE | {"directory", "casework", "chat", "observatory"},
}
# The observatory reads cases through casework's signals and selectors, and its models (to
# query, never to write: writes go through casework's services); it decides which closed cases
# are due and asks casework to purge them.
OBSERVATORY_READS_CASEWORK = ("recours.casework.signals", "recours.casework.selectors", "recours.casework.models")
OBSERVATORY_CALLS_CASEWORK = ("recours.casework.services.case_purge",)

# Arrows against the order, kept while the work that removes them is in flight.
# (source file, what it uses): an import target or a template name.
ALLOWED: dict[tuple[str, str], str] = {}


def app_of(path: Path) -> str | None:
    """The app a file of recours/ belongs to (None: the project's own modules, urls, settings)."""
    parts = path.relative_to(RECOURS).parts
    return parts[0] if len(parts) > 1 else None


def _module_of(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> list[str]:
    """Every module (or module.name) a Python file imports, wherever the import statement is."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:  # relative: from the file's package
                package = _module_of(path).split(".")
                package = package[: len(package) - node.level + (1 if path.name == "__init__.py" else 0)]
                module = ".".join([*package, module] if module else package)
            found += [f"{module}.{alias.name}" for alias in node.names]
    return found


TEMPLATE_TAG = re.compile(r"{%\s*(?:extends|include)\s+[\"']([^\"']+)[\"']")


def template_owners() -> dict[str, str]:
    """The first directory of a template name → the app whose templates/ holds it."""
    return {
        top.name: app.name
        for app in RECOURS.iterdir() if (app / "templates").is_dir()
        for top in (app / "templates").iterdir() if top.is_dir()
    }


def arrows() -> list[tuple[str, str, str, str]]:
    """(source file, source app, target app, what is used) for every use of another app."""
    found = []
    for path in sorted(RECOURS.rglob("*.py")):
        source = app_of(path)
        if source is None or "migrations" in path.parts:
            continue
        for target in imports_of(path):
            parts = target.split(".")
            if parts[0] == "recours" and len(parts) > 1 and parts[1] != source:
                found.append((str(path.relative_to(ROOT)), source, parts[1], target))
    owners = template_owners()
    for path in sorted(RECOURS.glob("*/templates/**/*.html")):
        source = app_of(path)
        for name in TEMPLATE_TAG.findall(path.read_text()):
            target = owners.get(name.split("/")[0])
            if target is not None and target != source:
                found.append((str(path.relative_to(ROOT)), source, target, name))
    return found


# Components an app publishes for other apps' pages, by template only (no Python import):
# the chat's entry (a link to the chat with its availability, from the chat's context
# processor) shown on the public pages of theme and intake.
PUBLISHED_TEMPLATES = {"chat/_entry.html"}


def allowed(source: str, target: str, used: str) -> bool:
    if used in PUBLISHED_TEMPLATES:
        return True
    if target == "demo":
        return source == "demo"
    if source in ("demo", "console") or target in LAYOUT:
        return True
    if source == "observatory" and target == "casework":
        return used.startswith(OBSERVATORY_READS_CASEWORK) or used in OBSERVATORY_CALLS_CASEWORK
    return target in MAY_USE[source]


def test_every_arrow_between_apps_follows_the_order():
    wrong = [
        f"{path}: {source} → {target} ({used})"
        for path, source, target, used in arrows()
        if not allowed(source, target, used) and (path, used) not in ALLOWED
    ]
    assert not wrong, "Arrows against docs/architecture.md:\n" + "\n".join(wrong)


def test_the_allowlist_only_holds_arrows_that_still_exist():
    used = {(path, target) for path, _source, _app, target in arrows()}
    stale = sorted(f"{path}: {target}" for path, target in ALLOWED if (path, target) not in used)
    assert not stale, "Remove these entries from ALLOWED, their arrow is gone:\n" + "\n".join(stale)


def test_the_directory_knows_no_case():
    assert not [a for a in arrows() if a[1] == "directory" and a[2] == "casework" and a[3].startswith("recours.")]


def test_no_test_uses_the_demo_but_the_demos_own():
    tests = ROOT / "tests"
    wrong = [
        str(path.relative_to(ROOT))
        for path in sorted(tests.rglob("*.py"))
        if (tests / "demo") not in path.parents
        and any(target.startswith("recours.demo") or target == "recours.demo" for target in imports_of(path))
    ]
    assert not wrong, "Tests that import the demo (use tests/directory/local.py and the services):\n" + "\n".join(wrong)


def test_the_walk_sees_imports_inside_functions_and_templates():
    """The test's own check: a function-level import and a template include are both arrows."""
    found = {(path, used) for path, _source, _target, used in arrows()}
    assert ("recours/observatory/selectors.py", "recours.casework.selectors.cases_visible_to") in found
    assert ("recours/intake/templates/intake/_handover_consent.html", "casework/orientation/_handover_content.html") in found
