"""CSV cells a spreadsheet will not run as formulas (OWASP, "CSV Injection").

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula
by spreadsheet software (`=HYPERLINK(...)`, `=cmd|...`), whatever the separator. Following
OWASP's guidance such a text cell is prefixed with a single quote, which makes it text; the
csv module then quotes it as needed (separators, double quotes). Numbers are left alone:
only text is neutralised, so a count stays a number.

Every CSV the platform writes goes through `csv_safe_row` (or `safe_cell`).
"""

from __future__ import annotations

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value as it may go into a CSV cell: text starting like a formula gets a leading `'`."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_safe_row(row):
    """A row (dict or sequence) with every cell neutralised."""
    if isinstance(row, dict):
        return {key: safe_cell(value) for key, value in row.items()}
    return [safe_cell(value) for value in row]
