"""Pieces of the HTML report: zone pills, and the summary, ranking, heat-map, what-to-fix
and provenance sections (each a ``<section>`` element as text)."""

from __future__ import annotations

from collections.abc import Container, Sequence
from decimal import Decimal
from fractions import Fraction

from pelayanan._model.results import ScoreCard
from pelayanan._reports.i18n import level_name, words, zone_name
from pelayanan._reports.safe import Html, escape
from pelayanan._reports.svg import zone_strip
from pelayanan._reports.tables import band_words
from pelayanan._reports.view import (
    Report,
    Row,
    by_level,
    colour_of,
    fmt_change,
    fmt_percent,
    fmt_points,
    fmt_score,
    ink_for,
    loss_title,
    points_share,
    rank,
    readable,
    summarize,
    to_fix,
)

__all__ = [
    "band_cell",
    "change_cell",
    "fixes_section",
    "heatmap_section",
    "pill",
    "provenance_section",
    "ranking_section",
    "summary_section",
]


def pill(card: ScoreCard, lang: str) -> Html:
    """A zone pill: the zone's name on its colour."""
    if card.zone is None:
        return Html()
    fill = colour_of(card.zone, card.band)
    name = zone_name(card.zone.id, card.zone.label.get(lang), lang)
    return Html('<span class="pill" style="background:{};color:{}">{}</span>').format(
        readable(fill), ink_for(readable(fill)), escape(name)
    )


def band_cell(card: ScoreCard, lang: str) -> Html:
    """The band as ``B (Kualitas Tinggi)``, escaped."""
    if card.band is None:
        return Html("-")
    return escape(band_words(card.band.code, card.band.label.get(lang)))


def change_cell(value: Decimal | None) -> Html:
    """A score change with an arrow, green up and red down."""
    if value is None:
        return Html()
    if value > 0:
        return Html('<span class="up">▲ {}</span>').format(fmt_change(value))
    if value < 0:
        return Html('<span class="down">▼ {}</span>').format(fmt_change(value))
    return Html("± {}").format(fmt_change(value))


def _head(headers: Sequence[str], numeric: Container[int] = ()) -> Html:
    """A table's head; the columns in ``numeric`` align right."""
    cells = Html("").join(
        (Html("<th class='num'>{}</th>") if index in numeric else Html("<th>{}</th>")).format(
            header
        )
        for index, header in enumerate(headers)
    )
    return Html("<thead><tr>{}</tr></thead>").format(cells)


def summary_section(report: Report) -> Html:
    """Units, mean score and zone counts per level."""
    w, lang = words(report.lang), report.lang
    rows = []
    legend: dict[str, str] = {}
    for level, members in by_level(report.current).items():
        summary = summarize(level, members, report.scheme)
        for zone, _ in summary.zones:
            legend[zone_name(zone.id, zone.label.get(lang), lang)] = colour_of(zone)
        counts = " · ".join(
            f"{zone_name(zone.id, zone.label.get(lang), lang)}: {count}"
            for zone, count in summary.zones
            if count
        )
        rows.append(
            Html(
                "<tr><td>{}</td><td class='num'>{}"
                "</td><td class='num'>{}</td>"
                "<td>{}</td><td>{}</td></tr>"
            ).format(
                escape(level_name(level, lang)),
                summary.count,
                fmt_score(summary.mean),
                zone_strip(counts, summary.zones),
                escape(counts),
            )
        )
    items = Html("").join(
        Html("<span><i style='background:{}'></i>{}</span>").format(c, escape(n))
        for n, c in legend.items()
    )
    head = _head([w["level"], w["count"], w["mean"], w["zone"], ""], {1, 2})
    return Html(
        "<section id='summary'><h2>{}</h2><table>{}<tbody>{}</tbody></table>"
        "<div class='legend'>{}</div></section>"
    ).format(w["summary"], head, Html("").join(rows), items)


def ranking_section(report: Report) -> Html:
    """Every level's units ranked by score, with zone colours and changes."""
    w, lang = words(report.lang), report.lang
    parts = [Html("<section id='ranking'><h2>{}</h2>").format(escape(w["ranking"]))]
    high = float(report.scheme.maximum) if report.scheme is not None else 100.0
    for level, members in by_level(report.current).items():
        headers = ["rank", "unit", "parent", "score", "band", "zone", "coverage", "change"]
        head = _head([w[key] for key in headers], {0, 6, 7})
        parts.append(Html("<h3>{}</h3><table>{}<tbody>").format(level_name(level, lang), head))
        for place, row in rank(members):
            card = row.card
            fill = colour_of(card.zone, card.band)
            width = 0.0 if card.published is None else max(0.0, float(card.published) / high)
            parent = "" if row.parent is None else escape(row.parent.name)
            parts.append(
                Html(
                    "<tr><td class='num'>{}</td><td>{}</td>"
                    "<td>{}</td><td class='nowrap'><span class='scorebar' "
                    "style='width:{:.0f}px;"
                    "background:{}'></span><strong>{}</strong></td>"
                    "<td>{}</td><td>{}</td>"
                    "<td class='num'>{}</td>"
                    "<td class='num'>{}</td></tr>"
                ).format(
                    place or "-",
                    escape(card.name),
                    parent,
                    width * 90,
                    fill,
                    fmt_score(card.published),
                    band_cell(card, lang),
                    pill(card, lang),
                    fmt_percent(card.coverage),
                    change_cell(report.change(card)),
                )
            )
        parts.append(Html("</tbody></table>"))
    parts.append(Html("</section>"))
    return Html("").join(parts)


def _heat_colour(ratio: Fraction | None) -> str:
    if ratio is None:
        return "#eef1f4"
    stops = ((0.0, (245, 183, 177)), (0.5, (252, 243, 207)), (1.0, (171, 235, 198)))
    value = min(max(float(ratio), 0.0), 1.0)
    (x0, c0), (x1, c1) = (stops[0], stops[1]) if value <= 0.5 else (stops[1], stops[2])
    t = (value - x0) / (x1 - x0)
    red, green, blue = (round(a + (b - a) * t) for a, b in zip(c0, c1, strict=True))
    return f"#{red:02x}{green:02x}{blue:02x}"


def heatmap_section(report: Report) -> Html:
    """Each unit's achievement per component, red to green (needs 2+ units)."""
    w, lang = words(report.lang), report.lang
    levels = list(by_level(report.current).values())
    members: Sequence[Row] = levels[0]
    if len(members) == 1 and len(levels) > 1:
        members = levels[1]
    members = [row for row in members if row.card.breakdown]
    if len(members) < 2:
        return Html()
    heads = members[0].card.breakdown
    parts = [
        Html("<section id='heatmap'><h2>{}</h2><table class='heat'><thead><tr><th>{}</th>").format(
            escape(w["heatmap"]), escape(w["unit"])
        )
        + Html("").join(
            Html("<th class='comp'>{}</th>").format(escape(node.title.get(lang))) for node in heads
        )
        + Html("<th class='num'>{}</th></tr></thead><tbody>").format(escape(w["score"]))
    ]
    for row in members:
        cells = Html("").join(
            Html("<td class='cell' style='background:{}'>{}</td>").format(
                _heat_colour(points_share(node)), fmt_percent(points_share(node))
            )
            for node in row.card.breakdown
        )
        parts.append(
            Html("<tr><td>{}</td>{}<td class='num nowrap'><strong>{}</strong> {}</td></tr>").format(
                escape(row.card.name), cells, fmt_score(row.card.published), pill(row.card, lang)
            )
        )
    parts.append(Html("</tbody></table></section>"))
    return Html("").join(parts)


def _fix_levels(report: Report) -> list[list[Row]]:
    """The levels whose units get a what-to-fix list: all but the bottom one, when there
    are several (the bottom units are explained one by one with ``pelayanan explain``)."""
    levels = list(by_level(report.current).values())
    return levels[:-1] if len(levels) > 2 else levels


def fixes_section(report: Report) -> Html:
    """What to fix in each unit below the top band: the gap and the biggest losses."""
    w, lang = words(report.lang), report.lang
    cards = []
    for members in _fix_levels(report):
        for card, gap, found in to_fix(members, report.scheme, report.fixes):
            head = ""
            if gap is not None and gap.target is not None:
                head = w["fix_gap"].format(
                    gap=fmt_score(gap.points),
                    band=band_words(gap.target.code, gap.target.label.get(lang)),
                )
            items = Html("").join(
                Html(
                    "<tr><td class='n'>{}.</td><td>{}</td><td class='lost'>&minus;{}</td></tr>"
                ).format(i, escape(loss_title(loss, lang)), fmt_points(loss.node.lost))
                for i, loss in enumerate(found, start=1)
            )
            fill = colour_of(card.zone, card.band)
            cards.append(
                Html(
                    "<div class='fix' style='--zone:{}'><h3>{} · "
                    "{}</h3><div class='gap'>{}</div>"
                    "<table class='fixlist'>{}</table></div>"
                ).format(fill, escape(card.name), fmt_score(card.published), escape(head), items)
            )
    if not cards:
        return Html()
    return Html(
        "<section id='fixes'><h2>{}</h2><p class='note'>{}</p><div class='fixes'>{}</div></section>"
    ).format(escape(w["fixes"]), escape(w["fixes_note"]), Html("").join(cards))


def provenance_section(report: Report) -> Html:
    """Rubric, zone scheme, hashes, parameters and dates of every period."""
    w = words(report.lang)
    blocks = []
    for period in reversed(report.periods):
        p = period.assessment.provenance
        scheme = "-" if p.zone_scheme_id is None else f"{p.zone_scheme_id}@{p.zone_scheme_version}"
        params = ", ".join(f"{k}={v}" for k, v in p.parameters) or "-"
        rows = [
            (w["rubric"], f"{p.rubric_id}@{p.rubric_version}"),
            (w["hash"], p.rubric_hash),
            (w["zone_scheme"], scheme),
            (w["hash"] + " " + w["zone_scheme"].lower(), p.zone_scheme_hash or "-"),
            (w["parameters"], params),
            (w["scoring_model"], p.scoring_model or "-"),
            (w["evidence"], f"{p.evidence_count} {w['evidence_items']}"),
            (w["assessed_on"], p.assessed_on or "-"),
            (w["library"], f"pelayanan {p.library_version}"),
        ]
        body = Html("").join(
            Html("<dt>{}</dt><dd><code>{}</code></dd>").format(escape(k), escape(v))
            for k, v in rows
        )
        blocks.append(
            Html("<div><h3>{}</h3><dl class='prov'>{}</dl></div>").format(
                escape(period.label), body
            )
        )
    return Html("<section id='provenance'><h2>{}</h2><div class='provs'>{}</div></section>").format(
        escape(w["provenance"]), Html("").join(blocks)
    )
