"""Charts drawn on the server as SVG markup: no script, no style attribute (the CSP forbids
them; colours come from classes in observatory.css), a title and a description for screen
readers. Every chart is shown with its data table, which is the accessible version.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _


def _svg(*, title: str, description: str, width: int, height: int, body: list[str], chart_id: str) -> SafeString:
    return mark_safe(
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false">'
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(description)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def _hidden_note(items) -> str:
    hidden = [label for label, value in items if value is None]
    return _(" Valeurs masquées (secret statistique) : %(labels)s.") % {"labels": ", ".join(map(str, hidden))} if hidden else ""


def bar_chart(items: list[tuple[str, int | None]], *, title: str, chart_id: str) -> SafeString:
    """Horizontal bars, one per item; hidden values are drawn as a hatched stub, marked "s"."""
    label_width, bar_width, row = 260, 380, 26
    width, height = label_width + bar_width + 70, max(row * len(items) + 10, 40)
    top = max([v for _, v in items if v is not None] or [1]) or 1
    body = []
    for i, (label, value) in enumerate(items):
        y = 5 + i * row
        body.append(
            f'<text class="chart-label" x="{label_width - 8}" y="{y + 17}" text-anchor="end">{escape(str(label)[:40])}</text>'
        )
        if value is None:
            body.append(f'<rect class="chart-bar chart-bar--hidden" x="{label_width}" y="{y + 4}" width="12" height="18"/>')
            body.append(f'<text class="chart-value" x="{label_width + 18}" y="{y + 17}">s</text>')
        else:
            w = round(bar_width * value / top, 1)
            body.append(f'<rect class="chart-bar" x="{label_width}" y="{y + 4}" width="{w}" height="18"/>')
            body.append(f'<text class="chart-value" x="{label_width + w + 6}" y="{y + 17}">{value}</text>')
    description = "; ".join(f"{label} : {'s' if v is None else v}" for label, v in items) + "." + _hidden_note(items)
    return _svg(title=title, description=description, width=width, height=height, body=body, chart_id=chart_id)


def column_chart(items: list[tuple[str, int | float | None]], *, title: str, chart_id: str, unit: str = "") -> SafeString:
    """Vertical columns over time; hidden values are marked "s" on the axis."""
    height, plot, left = 240, 190, 40
    step = max(18, min(60, 720 // max(len(items), 1)))
    width = left + step * len(items) + 10
    top = max([v for _, v in items if v is not None] or [1]) or 1
    body = [f'<line class="chart-axis" x1="{left}" y1="{plot + 10}" x2="{width - 5}" y2="{plot + 10}"/>']
    body.append(f'<text class="chart-value" x="{left - 4}" y="20" text-anchor="end">{top:g}{unit}</text>')
    for i, (label, value) in enumerate(items):
        x = left + i * step + 3
        if value is None:
            body.append(f'<text class="chart-value" x="{x + step / 2 - 3}" y="{plot + 5}" text-anchor="middle">s</text>')
        else:
            h = round(plot * value / top, 1)
            body.append(f'<rect class="chart-bar" x="{x}" y="{plot + 10 - h}" width="{step - 6}" height="{h}"/>')
        if len(items) <= 24 or i % 3 == 0:
            body.append(
                f'<text class="chart-tick" x="{x + (step - 6) / 2}" y="{plot + 26}" text-anchor="middle">{escape(str(label))}</text>'
            )
    description = "; ".join(f"{label} : {'s' if v is None else f'{v:g}{unit}'}" for label, v in items) + "." + _hidden_note(items)
    return _svg(title=title, description=description, width=width, height=height + 10, body=body, chart_id=chart_id)


def departement_map(
    values: dict[str, int | None], centres: dict[str, tuple[float, float]], names: dict[str, str], *, title: str, chart_id: str
) -> SafeString:
    """Each département as a disc at the mean position of its communes, shaded by its count in
    five classes (hidden counts hatched). Overseas départements sit in a row below."""
    width, height = 520, 560
    metro = {c: p for c, p in centres.items() if len(c) == 2 or c in ("2A", "2B")}
    overseas = sorted(c for c in centres if c not in metro)
    lat_min, lat_max, lon_min, lon_max = 41.3, 51.2, -5.2, 9.6

    def place(lat, lon):
        return (
            round(20 + (lon - lon_min) / (lon_max - lon_min) * (width - 40), 1),
            round(20 + (lat_max - lat) / (lat_max - lat_min) * (height - 120), 1),
        )

    shown = [v for v in values.values() if v]
    top = max(shown or [1])
    body = []

    def disc(code, x, y):
        value = values.get(code, 0)
        if value is None:
            css = "map-dep map-dep--hidden"
        elif not value:
            css = "map-dep map-dep--0"
        else:
            css = f"map-dep map-dep--{min(5, 1 + int(5 * value / (top + 1)))}"
        label = f"{names.get(code, code)} ({code}) : {'s' if value is None else value}"
        body.append(f'<circle class="{css}" cx="{x}" cy="{y}" r="11"><title>{escape(label)}</title></circle>')
        body.append(f'<text class="map-code" x="{x}" y="{y + 3.5}" text-anchor="middle">{escape(code)}</text>')

    for code, (lat, lon) in sorted(metro.items()):
        disc(code, *place(lat, lon))
    for i, code in enumerate(overseas):
        disc(code, 40 + i * 40, height - 40)
    items = sorted(((names.get(c, c), v) for c, v in values.items()), key=lambda item: str(item[0]))
    description = _("Carte des départements ; les valeurs sont dans le tableau qui suit.") + _hidden_note(items)
    return _svg(title=title, description=description, width=width, height=height, body=body, chart_id=chart_id)
