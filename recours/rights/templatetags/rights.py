"""Template tags of the rights pages: a page's text (paragraphs and "- " lists) as HTML, escaped."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def rights_text(text: str) -> str:
    """Blank lines separate paragraphs; consecutive lines starting with "- " make a list."""
    blocks = []
    for block in (text or "").replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        items = [line for line in lines if line.startswith("- ")]
        prose = [line for line in lines if not line.startswith("- ")]
        if prose:
            blocks.append("<p>" + "<br>".join(escape(line) for line in prose) + "</p>")
        if items:
            blocks.append("<ul>" + "".join(f"<li>{escape(item[2:])}</li>" for item in items) + "</ul>")
    return mark_safe("\n".join(blocks))
