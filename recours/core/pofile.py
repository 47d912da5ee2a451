"""A small reader of gettext .po files (no dependency), for the translation checks and tools.

Reads what `makemessages` writes: comments (`#:` references, `#,` flags), msgctxt, msgid,
msgid_plural, msgstr and msgstr[n], with continuation lines. Obsolete entries (`#~`) are skipped.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    references: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        return not self.fuzzy and bool(self.msgstr) and all(self.msgstr.values())

    @property
    def files(self) -> list[str]:
        return [ref.rsplit(":", 1)[0] for ref in self.references]


def _unquote(text: str) -> str:
    return ast.literal_eval(text.strip())


def parse(path: Path | str) -> list[Entry]:
    entries: list[Entry] = []
    current = Entry()
    key: tuple[str, int] | None = None
    started = False

    def finish():
        nonlocal current, started, key
        if started:
            entries.append(current)
        current, started, key = Entry(), False, None

    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#"):
            if started and key is not None and key[0] == "msgstr":
                finish()
            if line.startswith("#:"):
                current.references.extend(line[2:].split())
            elif line.startswith("#,"):
                current.flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith('"'):
            value = _unquote(line)
            name, index = key
            if name == "msgid":
                current.msgid += value
            elif name == "msgid_plural":
                current.msgid_plural += value
            elif name == "msgctxt":
                current.msgctxt += value
            else:
                current.msgstr[index] += value
            continue
        word, _, rest = line.partition(" ")
        if word in ("msgctxt", "msgid") and started and key is not None and key[0] == "msgstr":
            finish()
        started = True
        if word == "msgctxt":
            current.msgctxt, key = _unquote(rest), ("msgctxt", 0)
        elif word == "msgid":
            current.msgid, key = _unquote(rest), ("msgid", 0)
        elif word == "msgid_plural":
            current.msgid_plural, key = _unquote(rest), ("msgid_plural", 0)
        elif word == "msgstr":
            current.msgstr[0], key = _unquote(rest), ("msgstr", 0)
        elif word.startswith("msgstr["):
            index = int(word[7:-1])
            current.msgstr[index], key = _unquote(rest), ("msgstr", index)
    finish()
    return entries


def catalogue(path: Path | str) -> dict[str, str]:
    """The translations of a .po as Python's gettext loads them from the compiled .mo.

    Keys as in GNUTranslations._catalog: msgid, "ctxt\\x04msgid", (msgid, n) for plurals;
    untranslated and fuzzy entries are left out, as msgfmt leaves them out.
    """
    result: dict = {}
    for entry in parse(path):
        if entry.msgid == "" or not entry.translated:
            continue
        key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural is None:
            result[key] = entry.msgstr[0]
        else:
            for index, text in entry.msgstr.items():
                result[(key, index)] = text
    return result
