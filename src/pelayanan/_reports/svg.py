"""Small inline SVG charts for the HTML report (no scripts, no external files).

Every function returns one ``<svg>`` element as :class:`~pelayanan._reports.safe.Html`
(built from escaping templates), sized by its ``viewBox`` so it scales with the page, with a
``<title>`` for screen readers.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

from pelayanan._model.zones import Zone, ZoneScheme
from pelayanan._reports.figures import colour_of, fmt_number, ink_for, readable
from pelayanan._reports.safe import Html

__all__ = ["Bar", "Line", "band_gauge", "bar_chart", "trend_chart", "zone_strip"]

PALETTE = (
    "#1f4e79",
    "#8e44ad",
    "#d35400",
    "#16a085",
    "#7f8c8d",
    "#c0392b",
    "#2980b9",
    "#b7950b",
    "#6c3483",
    "#117864",
)
"""Line colours of the trend chart, dark enough on the light zone backgrounds."""


def _open(kind: str, width: float, height: float, title: str) -> Html:
    """The opening ``<svg>`` tag of a chart of class ``kind``, sized by its viewBox, and its
    ``<title>`` for screen readers."""
    return Html(
        '<svg class="{}" viewBox="0 0 {} {}" role="img" '
        'xmlns="http://www.w3.org/2000/svg"><title>{}</title>'
    ).format(kind, width, height, title)


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


@attrs.frozen
class Bar:
    """One bar: a label, a share in ``[0, 1]`` (``None``: not scored) and its caption."""

    label: str
    ratio: Fraction | None
    caption: str


def bar_chart(
    title: str, bars: Sequence[Bar], *, colour: str = "#1f4e79", width: int = 600
) -> Html:
    """Horizontal bars from 0 to 100%, one per component: the label above its bar (wrapped,
    never cut), the caption at the bar's right; gridlines cross the bars only."""
    pad, caption_w, line_h = 8, 175, 17
    plot_w = width - caption_w
    wrapped = [_wrap(bar.label, int(plot_w / 7.6)) for bar in bars]
    tops = []
    y = pad
    for lines in wrapped:
        tops.append(y)
        y += line_h * len(lines) + 34
    height = y + pad + 16
    parts = [_open("chart", width, height, title)]
    for tick in (0, 25, 50, 75, 100):
        x = plot_w * tick / 100 + (1 if tick == 0 else 0)
        for lines, top in zip(wrapped, tops, strict=True):
            bar_y = top + line_h * len(lines) + 4
            parts.append(
                Html(
                    '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#d5d8dc" stroke-width="1"/>'
                ).format(_num(x), _num(bar_y - 2), _num(x), _num(bar_y + 22))
            )
        parts.append(
            Html(
                '<text x="{}" y="{}" font-size="11" fill="#5d6d7e" text-anchor="{}">{}%</text>'
            ).format(
                _num(x),
                height - pad,
                "start" if tick == 0 else "end" if tick == 100 else "middle",
                tick,
            )
        )
    for bar, lines, top in zip(bars, wrapped, tops, strict=True):
        ratio = float(bar.ratio) if bar.ratio is not None else 0.0
        bar_w = max(plot_w * ratio, 0.0)
        bar_y = top + line_h * len(lines) + 4
        spans = Html("").join(
            Html('<tspan x="0" y="{}">{}</tspan>').format(_num(top + 13 + line_h * i), text)
            for i, text in enumerate(lines)
        )
        parts.append(
            Html(
                '<text class="label" font-size="14" fill="#1c2833">'
                "<title>{}</title>{}</text>"
                '<rect x="0" y="{}" width="{}" height="20" '
                'fill="#eef1f4" fill-opacity="0.6" rx="3"/>'
                '<rect x="0" y="{}" width="{}" height="20" '
                'fill="{}" rx="3"/>'
                '<text x="{}" y="{}" '
                'font-size="14" font-weight="700" fill="#1c2833">{}</text>'
            ).format(
                bar.label,
                spans,
                _num(bar_y),
                _num(plot_w),
                _num(bar_y),
                _num(bar_w),
                colour,
                _num(plot_w + 10),
                _num(bar_y + 15),
                bar.caption,
            )
        )
    parts.append(Html("</svg>"))
    return Html("").join(parts)


def _wrap(text: str, limit: int) -> list[str]:
    """``text`` in lines of at most ``limit`` characters, broken at spaces (a longer word
    gets a line of its own); nothing is cut."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > limit:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return lines


def zone_strip(title: str, zones: Sequence[tuple[Zone, int]], *, width: int = 260) -> Html:
    """One stacked bar: how many units fall in each zone, in zone colours, counts inside."""
    height = 22
    total = sum(count for _, count in zones)
    parts = [_open("strip", width, height, title)]
    if not total:
        parts.append(
            Html('<rect width="{}" height="{}" fill="#eef1f4" rx="4"/></svg>').format(width, height)
        )
        return Html("").join(parts)
    x = 0.0
    for zone, count in zones:
        if not count:
            continue
        w = width * count / total
        fill = colour_of(zone)
        parts.append(
            Html(
                '<rect x="{}" y="0" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>'
            ).format(_num(x), _num(w), height, fill, zone.label.get(), count)
        )
        if w >= 16:
            parts.append(
                Html(
                    '<text x="{}" y="15" font-size="12" font-weight="700" '
                    'fill="{}" text-anchor="middle">{}</text>'
                ).format(_num(x + w / 2), ink_for(fill), count)
            )
        x += w
    parts.append(Html("</svg>"))
    return Html("").join(parts)


@attrs.frozen
class Line:
    """One unit's scores over the periods of a trend chart."""

    label: str
    values: tuple[Decimal | None, ...]
    colour: str
    strong: bool = False


def _bounds(lines: Sequence[Line], scheme: ZoneScheme | None) -> tuple[float, float]:
    if scheme is not None:
        return float(scheme.minimum), float(scheme.maximum)
    values = [float(v) for line in lines for v in line.values if v is not None]
    if not values:
        return 0.0, 100.0
    return min(0.0, min(values)), max(100.0, max(values))


def trend_chart(
    title: str,
    periods: Sequence[str],
    lines: Sequence[Line],
    scheme: ZoneScheme | None = None,
    *,
    width: int = 900,
    height: int = 380,
) -> Html:
    """Scores over periods: one line per unit, on the zone scheme's bands as backgrounds.

    Every band has its own background (neighbours of one zone colour in two shades) and its
    code in a strip right of the plot, where no line or gridline runs. The units are named
    by the caller, in a legend under the chart (so that long names wrap on a narrow screen).
    """
    strip = 22 if scheme is not None else 0
    right = strip + 8
    left, top, bottom = 48, 16, 36
    width = max(width, left + right + 320)
    plot_w, plot_h = width - left - right, height - top - bottom
    low, high = _bounds(lines, scheme)

    def y_of(value: float) -> float:
        return top + plot_h * (1 - (value - low) / (high - low))

    def x_of(index: int) -> float:
        if len(periods) == 1:
            return left + plot_w / 2
        return left + plot_w * index / (len(periods) - 1)

    parts = [_open("chart", width, height, title)]
    if scheme is not None:
        previous = None
        shade = False
        for index, band in enumerate(scheme.bands):
            upper = float(scheme.bands[index + 1].lower) if index + 1 < len(scheme.bands) else high
            y1, y2 = y_of(upper), y_of(float(band.lower))
            fill = colour_of(scheme.zone(band.zone), band)
            shade = (not shade) if fill == previous else False
            previous = fill
            opacity = "0.24" if shade else "0.11"
            parts.append(
                Html(
                    '<rect x="{}" y="{}" width="{}" height="{}" '
                    'fill="{}" fill-opacity="{}"><title>{}: '
                    "{}</title></rect>"
                    '<rect x="{}" y="{}" width="{}" '
                    'height="{}" fill="{}"/>'
                ).format(
                    left,
                    _num(y1),
                    plot_w,
                    _num(y2 - y1),
                    fill,
                    opacity,
                    band.code,
                    band.label.get(),
                    left + plot_w + 4,
                    _num(y1 + 0.5),
                    strip - 6,
                    _num(max(y2 - y1 - 1, 0)),
                    readable(fill),
                )
            )
            if y2 - y1 >= 13:
                parts.append(
                    Html(
                        '<text class="band" x="{}" '
                        'y="{}" font-size="11" font-weight="700" '
                        'fill="{}" text-anchor="middle">'
                        "{}</text>"
                    ).format(
                        _num(left + plot_w + 4 + (strip - 6) / 2),
                        _num((y1 + y2) / 2 + 4),
                        ink_for(readable(fill)),
                        band.code,
                    )
                )
    for tick in _ticks(low, high):
        y = y_of(tick)
        parts.append(
            Html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" '
                'stroke="#d5d8dc" stroke-width="1"/>'
                '<text x="{}" y="{}" font-size="11" fill="#5d6d7e" '
                'text-anchor="end">{}</text>'
            ).format(left, _num(y), left + plot_w, _num(y), left - 8, _num(y + 4), _num(tick))
        )
    for index, label in enumerate(periods):
        parts.append(
            Html(
                '<text x="{}" y="{}" font-size="12" fill="#1c2833" '
                'text-anchor="middle" font-weight="600">{}</text>'
            ).format(_num(x_of(index)), height - 12, label)
        )
    for line in sorted(lines, key=lambda line: line.strong):
        points = [(x_of(i), y_of(float(v))) for i, v in enumerate(line.values) if v is not None]
        if not points:
            continue
        stroke = 3.5 if line.strong else 2
        path = " ".join(f"{_num(x)},{_num(y)}" for x, y in points)
        parts.append(
            Html(
                '<polyline points="{}" fill="none" stroke="{}" '
                'stroke-width="{}" stroke-linejoin="round" stroke-linecap="round"/>'
            ).format(path, line.colour, stroke)
        )
        for x, y in points:
            parts.append(
                Html(
                    '<circle cx="{}" cy="{}" r="{}" fill="#ffffff" stroke="{}" stroke-width="2"/>'
                ).format(_num(x), _num(y), stroke + 1.5, line.colour)
            )
    parts.append(Html("</svg>"))
    return Html("").join(parts)


def _ticks(low: float, high: float) -> list[float]:
    span = high - low
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000) if span / s <= 6)
    first = step * -(-low // step)
    ticks = []
    value = first
    while value <= high + 1e-9:
        ticks.append(value)
        value += step
    return ticks


def band_gauge(title: str, scheme: ZoneScheme, score: Decimal, *, width: int = 320) -> Html:
    """The scheme's bands side by side in their colours, each with its code, and a marker
    above the bar at ``score`` (above, so it never covers a code); lower bounds below the bar,
    left out where they would touch the previous one."""
    low, high = float(scheme.minimum), float(scheme.maximum)
    top, bar_h = 14, 18
    height = top + bar_h + 20

    def x_of(value: float) -> float:
        return width * (min(max(value, low), high) - low) / (high - low)

    parts = [_open("gauge", width, height, title)]
    last_label = -1e9
    for index, band in enumerate(scheme.bands):
        upper = float(scheme.bands[index + 1].lower) if index + 1 < len(scheme.bands) else high
        x1, x2 = x_of(float(band.lower)), x_of(upper)
        fill = readable(colour_of(scheme.zone(band.zone), band))
        parts.append(
            Html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>'
            ).format(
                _num(x1),
                top,
                _num(max(x2 - x1 - 1, 0)),
                bar_h,
                fill,
                band.code,
                band.label.get(),
            )
        )
        if x2 - x1 >= 14:
            parts.append(
                Html(
                    '<text x="{}" y="{}" font-size="11" '
                    'font-weight="700" fill="{}" text-anchor="middle">'
                    "{}</text>"
                ).format(_num((x1 + x2) / 2), top + 13, ink_for(fill), band.code)
            )
        text = fmt_number(band.lower)
        room = 6.5 * len(text)
        anchor = "start" if index == 0 else "end" if x1 + room / 2 > width else "middle"
        start = x1 if anchor == "start" else x1 - room if anchor == "end" else x1 - room / 2
        if start >= last_label + 4:
            last_label = start + room
            parts.append(
                Html(
                    '<text x="{}" y="{}" font-size="10" fill="#5d6d7e" text-anchor="{}">{}</text>'
                ).format(_num(x1), top + bar_h + 13, anchor, text)
            )
    x = x_of(float(score))
    parts.append(
        Html('<path class="marker" d="M{},0 L{},0 L{},{} Z" fill="#1c2833"/></svg>').format(
            _num(x - 7), _num(x + 7), _num(x), top - 2
        )
    )
    return Html("").join(parts)
