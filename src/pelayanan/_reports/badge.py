"""An SVG badge for a README or an intranet page: ``Kepatuhan | 83.19 | Zona Hijau``.

The badge is flat, 20 pixels high, in three parts: a grey label, the score, and the zone
(or band) in the zone's colour. Text widths are estimated per character and pinned with
``textLength``, so the badge looks the same whatever fonts the viewer has.
"""

from __future__ import annotations

from pelayanan._reports.figures import ink_for, readable, rgb_of
from pelayanan._reports.safe import Html

__all__ = ["darker", "render_badge", "text_width"]

_NARROW = frozenset("fijlrtI.,:;'!|() -")
_WIDE = frozenset("mwMW@%")


def text_width(text: str) -> float:
    """The estimated width of ``text`` in pixels at 11 px Verdana-like type."""
    width = 0.0
    for char in text:
        if char in _NARROW:
            width += 3.9
        elif char in _WIDE:
            width += 10.0
        elif char.isupper():
            width += 7.6
        elif char.isdigit():
            width += 7.0
        else:
            width += 6.6
    return width


def darker(colour: str, amount: float = 0.15) -> str:
    """``colour`` (``#rrggbb``) darkened by ``amount`` (0-1); anything else as given."""
    rgb = rgb_of(colour)
    if rgb is None:
        return colour
    return "#{:02x}{:02x}{:02x}".format(*(max(0, round(part * (1 - amount))) for part in rgb))


def render_badge(label: str, score: str, status: str, colour: str) -> str:
    """A three-part badge as SVG text.

    Args:
        label: the left part, e.g. ``Kepatuhan`` or ``IKM``.
        score: the middle part, e.g. ``83.19``.
        status: the right part, e.g. ``Zona Hijau`` (empty: a two-part badge).
        colour: the zone's colour (``#rrggbb``) for the score and status parts.
    """
    pad = 6
    # every part's text contrasts at least 4.5:1 with its background (WCAG AA)
    parts = [(label, "#4a4a4a"), (score, readable(colour))]
    if status:
        parts.append((status, readable(darker(colour))))
    widths = [text_width(text) + 2 * pad for text, _ in parts]
    total = sum(widths)
    title = f"{label}: {score}" + (f", {status}" if status else "")
    out = [
        Html(
            '<svg xmlns="http://www.w3.org/2000/svg" width="{:.0f}" height="20" '
            'viewBox="0 0 {:.0f} 20" role="img" aria-label="{}">'
            "<title>{}</title>"
            '<linearGradient id="pelayanan-shade" x2="0" y2="100%">'
            '<stop offset="0" stop-color="#bbb" stop-opacity=".1"/>'
            '<stop offset="1" stop-opacity=".1"/></linearGradient>'
            '<clipPath id="pelayanan-round"><rect width="{:.0f}" height="20" rx="3" '
            'fill="#fff"/></clipPath><g clip-path="url(#pelayanan-round)">'
        ).format(total, total, title, title, total)
    ]
    x = 0.0
    for (_, fill), width in zip(parts, widths, strict=True):
        out.append(
            Html('<rect x="{:.1f}" width="{:.1f}" height="20" fill="{}"/>').format(
                x, width + 0.5, fill
            )
        )
        x += width
    out.append(
        Html('<rect width="{:.0f}" height="20" fill="url(#pelayanan-shade)"/></g>').format(total)
    )
    out.append(
        Html(
            '<g text-anchor="middle" font-family="Verdana,Geneva,\'DejaVu Sans\',sans-serif" '
            'font-size="11">'
        )
    )
    x = 0.0
    for (text, fill), width in zip(parts, widths, strict=True):
        middle = x + width / 2
        length = width - 2 * pad
        weight = Html(' font-weight="bold"') if text == score else Html()
        out.append(
            Html(
                '<text x="{:.1f}" y="15" fill="#010101" fill-opacity=".3" '
                'textLength="{:.1f}" lengthAdjust="spacingAndGlyphs"{}>'
                "{}</text>"
                '<text x="{:.1f}" y="14" fill="{}" textLength="{:.1f}" '
                'lengthAdjust="spacingAndGlyphs"{}>{}</text>'
            ).format(
                middle,
                length,
                weight,
                text,
                middle,
                ink_for(fill),
                length,
                weight,
                text,
            )
        )
        x += width
    out.append(Html("</g></svg>\n"))
    return str(Html("").join(out))
