"""Pieces of the HTML report: zone pills, and the summary, ranking, heat-map, what-to-fix
and provenance sections (each a ``<section>`` element as text)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from html import escape

from pelayanan._model.results import ScoreCard
from pelayanan._reports.i18n import level_name, words, zone_name
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


def pill(card: ScoreCard, lang: str) -> str:
    """A zone pill: the zone's name on its colour."""
    if card.zone is None:
        return ""
    fill = colour_of(card.zone, card.band)
    name = zone_name(card.zone.id, card.zone.label.get(lang), lang)
    return (
        f'<span class="pill" style="background:{readable(fill)};color:{ink_for(readable(fill))}">'
        f"{escape(name)}</span>"
    )


def band_cell(card: ScoreCard, lang: str) -> str:
    """The band as ``B (Kualitas Tinggi)``, escaped."""
    if card.band is None:
        return "-"
    return escape(band_words(card.band.code, card.band.label.get(lang)))


def change_cell(value: Decimal | None) -> str:
    """A score change with an arrow, green up and red down."""
    if value is None:
        return ""
    if value > 0:
        return f'<span class="up">▲ {fmt_change(value)}</span>'
    if value < 0:
        return f'<span class="down">▼ {fmt_change(value)}</span>'
    return f"± {fmt_change(value)}"


def summary_section(report: Report) -> str:
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
            f"<tr><td>{escape(level_name(level, lang))}</td><td class='num'>{summary.count}"
            f"</td><td class='num'>{fmt_score(summary.mean)}</td>"
            f"<td>{zone_strip(counts, summary.zones)}</td><td>{escape(counts)}</td></tr>"
        )
    items = "".join(
        f"<span><i style='background:{c}'></i>{escape(n)}</span>" for n, c in legend.items()
    )
    return (
        f"<section id='summary'><h2>{escape(w['summary'])}</h2><table><thead><tr>"
        f"<th>{escape(w['level'])}</th><th class='num'>{escape(w['count'])}</th>"
        f"<th class='num'>{escape(w['mean'])}</th><th>{escape(w['zone'])}</th><th></th>"
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f"<div class='legend'>{items}</div></section>"
    )


def ranking_section(report: Report) -> str:
    """Every level's units ranked by score, with zone colours and changes."""
    w, lang = words(report.lang), report.lang
    parts = [f"<section id='ranking'><h2>{escape(w['ranking'])}</h2>"]
    high = float(report.scheme.maximum) if report.scheme is not None else 100.0
    for level, members in by_level(report.current).items():
        parts.append(
            f"<h3>{escape(level_name(level, lang))}</h3><table><thead><tr>"
            f"<th class='num'>{escape(w['rank'])}</th><th>{escape(w['unit'])}</th>"
            f"<th>{escape(w['parent'])}</th><th>{escape(w['score'])}</th>"
            f"<th>{escape(w['band'])}</th><th>{escape(w['zone'])}</th>"
            f"<th class='num'>{escape(w['coverage'])}</th>"
            f"<th class='num'>{escape(w['change'])}</th></tr></thead><tbody>"
        )
        for place, row in rank(members):
            card = row.card
            fill = colour_of(card.zone, card.band)
            width = 0.0 if card.published is None else max(0.0, float(card.published) / high)
            parent = "" if row.parent is None else escape(row.parent.name)
            parts.append(
                f"<tr><td class='num'>{place or '-'}</td><td>{escape(card.name)}</td>"
                f"<td>{parent}</td><td class='nowrap'><span class='scorebar' "
                f"style='width:{width * 90:.0f}px;"
                f"background:{fill}'></span><strong>{fmt_score(card.published)}</strong></td>"
                f"<td>{band_cell(card, lang)}</td><td>{pill(card, lang)}</td>"
                f"<td class='num'>{fmt_percent(card.coverage)}</td>"
                f"<td class='num'>{change_cell(report.change(card))}</td></tr>"
            )
        parts.append("</tbody></table>")
    parts.append("</section>")
    return "".join(parts)


def _heat_colour(ratio: Fraction | None) -> str:
    if ratio is None:
        return "#eef1f4"
    stops = ((0.0, (245, 183, 177)), (0.5, (252, 243, 207)), (1.0, (171, 235, 198)))
    value = min(max(float(ratio), 0.0), 1.0)
    (x0, c0), (x1, c1) = (stops[0], stops[1]) if value <= 0.5 else (stops[1], stops[2])
    t = (value - x0) / (x1 - x0)
    red, green, blue = (round(a + (b - a) * t) for a, b in zip(c0, c1, strict=True))
    return f"#{red:02x}{green:02x}{blue:02x}"


def heatmap_section(report: Report) -> str:
    """Each unit's achievement per component, red to green (needs 2+ units)."""
    w, lang = words(report.lang), report.lang
    levels = list(by_level(report.current).values())
    members: Sequence[Row] = levels[0]
    if len(members) == 1 and len(levels) > 1:
        members = levels[1]
    members = [row for row in members if row.card.breakdown]
    if len(members) < 2:
        return ""
    heads = members[0].card.breakdown
    parts = [
        f"<section id='heatmap'><h2>{escape(w['heatmap'])}</h2><table class='heat'><thead><tr>"
        f"<th>{escape(w['unit'])}</th>"
        + "".join(f"<th class='comp'>{escape(node.title.get(lang))}</th>" for node in heads)
        + f"<th class='num'>{escape(w['score'])}</th></tr></thead><tbody>"
    ]
    for row in members:
        cells = "".join(
            f"<td class='cell' style='background:{_heat_colour(points_share(node))}'>"
            f"{fmt_percent(points_share(node))}</td>"
            for node in row.card.breakdown
        )
        parts.append(
            f"<tr><td>{escape(row.card.name)}</td>{cells}<td class='num nowrap'>"
            f"<strong>{fmt_score(row.card.published)}</strong> {pill(row.card, lang)}</td></tr>"
        )
    parts.append("</tbody></table></section>")
    return "".join(parts)


def _fix_levels(report: Report) -> list[list[Row]]:
    """The levels whose units get a what-to-fix list: all but the bottom one, when there
    are several (the bottom units are explained one by one with ``pelayanan explain``)."""
    levels = list(by_level(report.current).values())
    return levels[:-1] if len(levels) > 2 else levels


def fixes_section(report: Report) -> str:
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
            items = "".join(
                f"<tr><td class='n'>{i}.</td><td>{escape(loss_title(loss, lang))}</td>"
                f"<td class='lost'>&minus;{fmt_points(loss.node.lost)}</td></tr>"
                for i, loss in enumerate(found, start=1)
            )
            fill = colour_of(card.zone, card.band)
            cards.append(
                f"<div class='fix' style='--zone:{fill}'><h3>{escape(card.name)} · "
                f"{fmt_score(card.published)}</h3><div class='gap'>{escape(head)}</div>"
                f"<table class='fixlist'>{items}</table></div>"
            )
    if not cards:
        return ""
    return (
        f"<section id='fixes'><h2>{escape(w['fixes'])}</h2>"
        f"<p class='note'>{escape(w['fixes_note'])}</p>"
        f"<div class='fixes'>{''.join(cards)}</div></section>"
    )


def provenance_section(report: Report) -> str:
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
        body = "".join(f"<dt>{escape(k)}</dt><dd><code>{escape(v)}</code></dd>" for k, v in rows)
        blocks.append(f"<div><h3>{escape(period.label)}</h3><dl class='prov'>{body}</dl></div>")
    return (
        f"<section id='provenance'><h2>{escape(w['provenance'])}</h2>"
        f"<div class='provs'>{''.join(blocks)}</div></section>"
    )
