"""Helpers of the theme tests: parse pages, render components, make images."""

import struct
import zlib
from html.parser import HTMLParser

from django.template import Context, Template


class PageParser(HTMLParser):
    """Collects elements (tag, attributes) and what the CSP forbids."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self.inline_problems = []
        self.text = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        for name, value in attrs:
            if name == "style":
                self.inline_problems.append(f"style attribute on <{tag}>")
            if name.startswith("on"):
                self.inline_problems.append(f"{name} handler on <{tag}>")
            if name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith("javascript:"):
                self.inline_problems.append(f"javascript: URL on <{tag}>")
        if tag == "style":
            self.inline_problems.append("<style> element")
        if tag == "script" and not attributes.get("src"):
            self.inline_problems.append("<script> without src")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        self.text.append(data)

    def find_all(self, tag, **attrs):
        return [
            element
            for name, element in self.elements
            if name == tag and all(element.get(key.rstrip("_").replace("_", "-")) == value for key, value in attrs.items())
        ]

    def by_id(self, element_id):
        matches = [element for _, element in self.elements if element.get("id") == element_id]
        assert len(matches) == 1, f"{len(matches)} elements with id {element_id!r}"
        return matches[0]

    @property
    def plain_text(self) -> str:
        return " ".join("".join(self.text).split())


def parse(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    parser.close()
    return parser


def render(source: str, **context) -> str:
    """Render a template snippet, e.g. '{% include "components/field.html" with field=form.name %}'."""
    return Template(source).render(Context(context))


def png_bytes(width: int = 1, height: int = 1) -> bytes:
    """A small valid PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\x1d\x4f\x91" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
