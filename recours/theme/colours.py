"""The instance's colours as the stylesheet's custom properties.

Values are validated when saved (core.models), and checked again here before
they are written into CSS: a value that is not "#RRGGBB" or does not contrast
with white (4.5:1) is replaced by the default, so nothing else can reach the
stylesheet and the text stays readable.
"""

from recours.core.models import HEX_COLOUR, InstanceSettings, contrast_ratio

WHITE = "#ffffff"
# The lightest background the theme puts text or links on (footer, panels).
LIGHT_BACKGROUND = "#f3f2f1"
MIN_CONTRAST = 4.5


def _default(field: str) -> str:
    return InstanceSettings._meta.get_field(field).default


def safe_colour(value: str, field: str) -> str:
    """The colour if it is "#RRGGBB" and readable on white, else the field's default."""
    if isinstance(value, str) and HEX_COLOUR.match(value) and contrast_ratio(value, WHITE) >= MIN_CONTRAST:
        return value.lower()
    return _default(field)


def mix(colour: str, other: str, weight: float) -> str:
    """`colour` mixed with `other` (weight of `other` between 0 and 1), as "#rrggbb"."""
    a = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x * (1 - weight) + y * weight):02x}" for x, y in zip(a, b))


def readable_on(colour: str, background: str) -> str:
    """`colour`, darkened just enough to reach 4.5:1 on `background`."""
    weight = 0.0
    candidate = colour
    while contrast_ratio(candidate, background) < MIN_CONTRAST and weight < 1:
        weight += 0.05
        candidate = mix(colour, "#000000", weight)
    return candidate


def instance_palette(instance: InstanceSettings) -> dict[str, str]:
    """Custom property name -> value, for /theme/instance.css."""
    primary = safe_colour(instance.colour_primary, "colour_primary")
    accent = safe_colour(instance.colour_accent, "colour_accent")
    tint = mix(primary, WHITE, 0.92)
    return {
        "colour-primary": primary,
        "colour-primary-dark": mix(primary, "#000000", 0.25),
        "colour-primary-tint": tint,
        "colour-link": readable_on(readable_on(primary, LIGHT_BACKGROUND), tint),
        "colour-accent": accent,
        "colour-accent-dark": mix(accent, "#000000", 0.25),
    }
