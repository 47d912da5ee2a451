"""What the API's schema states of the codes, patterns and sizes its checks enforce.

Read once, when the schema is built: the taxonomy's codes as shipped
(recours/taxonomy/data/taxonomy.json) and the models' choices. The forms, reading the database,
stay the authority; the schema tells generated clients which values those checks accept.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Literal

POSTAL_CODE = r"^[0-9]{5}$"
INSEE_CODE = r"^(?:[0-9]{5}|2[AB][0-9]{3})$"
ISO_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


@cache
def shipped_codes(section: str) -> tuple[str, ...]:
    """The active codes of a taxonomy section as shipped (roles, criteria, domains...)."""
    import recours.taxonomy

    data = json.loads((Path(recours.taxonomy.__file__).parent / "data" / "taxonomy.json").read_text())
    return tuple(entry["code"] for entry in data[section] if entry.get("active", True))


def enum(values) -> object:
    """A Literal of these values: pydantic enforces it (the partner route's types)."""
    return Literal.__getitem__(tuple(values))


def stated(*, enum: tuple | list | None = None, items: tuple | list | None = None, optional: bool = False,
           **keywords) -> dict:
    """JSON Schema keywords that the schema states and pydantic does not enforce: for routes whose
    checks stay in the forms (the anonymous API answers as it always did), the schema still says
    what those checks accept. `enum` for one value (with null when `optional`), `items` for the
    values of a list, then any keyword as is (pattern, minLength, maxLength, maxItems)."""
    extra = dict(keywords)
    if enum is not None:
        extra["enum"] = [*enum, None] if optional else list(enum)
    if items is not None:
        extra["items"] = {"type": "string", "enum": list(items)}
    return extra
