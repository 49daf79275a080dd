"""How a report writes one figure: a score, points, a share, a change, a date, a count, a
number for machines, and the colour of a zone (with a text colour that reads on it).

Kept apart from :mod:`pelayanan._reports.view` (rows, rankings, summaries) so that a command
that prints a few figures (``pelayanan classify``) does not build every report's types.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

from pelayanan._i18n import figure_text, format_date, format_decimal, format_integer
from pelayanan._model.numbers import Rounding, _terminates, exact_to_str
from pelayanan._model.zones import Band, Zone

__all__ = [
    "colour_of",
    "contrast",
    "fmt_change",
    "fmt_count",
    "fmt_date",
    "fmt_number",
    "fmt_percent",
    "fmt_points",
    "fmt_score",
    "ink_for",
    "luminance",
    "machine_number",
    "readable",
    "rgb_of",
]

_FALLBACK = {
    "merah": "#c0392b",
    "kuning": "#e5a50a",
    "hijau": "#1e8449",
    "red": "#c0392b",
    "yellow": "#e5a50a",
    "green": "#1e8449",
}
_GREY = "#808080"


def colour_of(zone: Zone | None, band: Band | None = None) -> str:
    """The display colour of a zone (a band's own colour first; usual colours by zone id)."""
    if band is not None and band.colour:
        return band.colour
    if zone is None:
        return _GREY
    if zone.colour.lower() != _GREY:
        return zone.colour
    return _FALLBACK.get(zone.id.lower(), _GREY)


def rgb_of(colour: str) -> tuple[int, int, int] | None:
    """The red, green and blue of ``#rrggbb`` or ``#rgb``; ``None`` for anything else."""
    text = colour.lstrip("#")
    if len(text) == 3:
        text = "".join(ch * 2 for ch in text)
    if len(text) != 6:
        return None
    try:
        red, green, blue = (int(text[i : i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return None
    return red, green, blue


def luminance(colour: str) -> float:
    """The WCAG 2 relative luminance of ``#rrggbb`` (0 black to 1 white)."""
    rgb = rgb_of(colour) or (0, 0, 0)

    def linear(part: int) -> float:
        c = part / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(part) for part in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    """The WCAG 2 contrast ratio of two colours, from 1 to 21 (AA text needs 4.5)."""
    a, b = sorted((luminance(first), luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


_DARK_INK, _LIGHT_INK = "#1a1a1a", "#ffffff"


def ink_for(background: str) -> str:
    """Dark or white text, whichever contrasts more with ``background`` (``#rrggbb``)."""
    if rgb_of(background) is None:
        return "#000000"
    dark, light = contrast(background, _DARK_INK), contrast(background, _LIGHT_INK)
    return _DARK_INK if dark >= light else _LIGHT_INK


def readable(background: str, minimum: float = 4.5) -> str:
    """``background``, darkened or lightened in small steps until its text colour
    (:func:`ink_for`) contrasts at least ``minimum`` with it (WCAG AA: 4.5)."""
    rgb = rgb_of(background)
    if rgb is None:
        return background
    colour = "#{:02x}{:02x}{:02x}".format(*rgb)
    towards_dark = ink_for(colour) == _LIGHT_INK
    step = 0
    while contrast(colour, ink_for(colour)) < minimum and step < 40:
        step += 1
        factor = 1 - step * 0.025
        if towards_dark:
            parts = [round(part * factor) for part in rgb]
        else:
            parts = [round(255 - (255 - part) * factor) for part in rgb]
        colour = "#{:02x}{:02x}{:02x}".format(*parts)
    return colour


def fmt_score(value: Decimal | None) -> str:
    """A published score as the language in force writes it (``83,19`` in Indonesian,
    ``83.19`` in English) with the places it was published with, or ``-``."""
    return "-" if value is None else figure_text(value)


def fmt_points(value: Fraction | Decimal | None, places: int = 2) -> str:
    """Exact points rounded half-up for display (``12.5`` -> ``12,50`` / ``12.50``)."""
    if value is None:
        return "-"
    return format_decimal(Rounding(places).apply(Fraction(value)), places)


def fmt_number(value: Decimal | Fraction | int, lang: str | None = None) -> str:
    """``value`` as ``lang`` (default: the language in force) writes it (``7,04`` /
    ``7.04``): a count as a count, a Decimal with its own places, a fraction exactly when it
    ends within four places, else to two."""
    if isinstance(value, int):
        return format_integer(value, lang)
    if isinstance(value, Decimal):
        return figure_text(value, lang)
    text = exact_to_str(value)
    places = len(text.partition(".")[2])
    places = places if "/" not in text and places <= 4 else 2
    return format_decimal(Rounding(places).apply(value), places, lang)


def fmt_percent(value: Fraction | None) -> str:
    """A share as a whole percentage (``0.875`` -> ``88%``), or ``-``."""
    return "-" if value is None else f"{format_integer(int(Rounding(0).apply(value * 100)))}%"


def fmt_change(value: Decimal | None) -> str:
    """A signed change of a published score (``+18,75``, ``-3,10``, ``0,00``), or empty."""
    if value is None:
        return ""
    text = fmt_score(abs(value))
    return f"+{text}" if value > 0 else f"-{text}" if value < 0 else text


def fmt_date(value: str | date) -> str:
    """An ISO date (``2024-06-30``) as the language writes it (``30 Juni 2024``); any other
    text as given."""
    if not isinstance(value, str):
        return format_date(value)
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        return value
    return format_date(parsed)


def fmt_count(value: int) -> str:
    """A count with digit grouping (``1.234`` in Indonesian, ``1,234`` in English)."""
    return format_integer(value)


def machine_number(value: Fraction | Decimal | None, places: int = 10) -> str:
    """A number for machines (CSV, JSON text): always a dot, never a fraction; exact when
    it terminates, else rounded half-up to ``places`` decimals; empty for ``None``."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return str(value)  # a published score keeps its places: 100.00
    exact = Fraction(value)
    if _terminates(exact):
        return exact_to_str(exact)
    return str(Rounding(places).apply(exact))
