"""The console sits above the apps it shows: accounts knows nothing of cases, no app imports the console."""

import ast
from pathlib import Path

import recours

ROOT = Path(recours.__file__).parent


def imports_of(path: Path) -> set[str]:
    """Every module a file imports, at module level or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def python_files(app: str):
    return [path for path in (ROOT / app).rglob("*.py") if "migrations" not in path.parts]


def test_accounts_imports_nothing_of_casework():
    offending = {
        str(path.relative_to(ROOT)): sorted(name for name in imports_of(path) if name.startswith("recours.casework"))
        for path in python_files("accounts")
    }
    assert {path: names for path, names in offending.items() if names} == {}


def test_no_app_imports_the_console():
    offending = {}
    for path in ROOT.rglob("*.py"):
        if (ROOT / "console") in path.parents or path.name in ("settings.py", "urls.py") and path.parent == ROOT:
            continue
        names = sorted(name for name in imports_of(path) if name.startswith("recours.console"))
        if names:
            offending[str(path.relative_to(ROOT))] = names
    assert offending == {}
