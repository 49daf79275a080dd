"""The sections of the assessment report, built once as a :mod:`~pelayanan._reports.document`.

The HTML page (:mod:`~pelayanan._reports.html`) and the Markdown text
(:mod:`~pelayanan._reports.markdown`) write the same sections: the trend, the achievement
per component, a summary per level, every unit ranked within its level, a component heat map,
what to fix in each unit, and the provenance of every assessment. Charts are HTML figures;
Markdown gets their tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from itertools import groupby

from pelayanan._i18n import gettext
from pelayanan._model.results import ScoreCard
from pelayanan._reports.document import Box, Facts, Figure, Heading, Losses, Para, Section
from pelayanan._reports.figures import (
    colour_of,
    fmt_change,
    fmt_percent,
    fmt_points,
    fmt_score,
    ink_for,
    readable,
)
from pelayanan._reports.i18n import level_name, words
from pelayanan._reports.safe import Html
from pelayanan._reports.svg import PALETTE, Bar, Line, bar_chart, trend_chart, zone_strip
from pelayanan._reports.tables import Cell, Table, band_text, band_words, zone_cell
from pelayanan._reports.view import (
    Gap,
    Period,
    Report,
    Row,
    assessment_date,
    by_level,
    loss_title,
    points_share,
    rank,
    rows_of,
    series,
    summarize,
    to_fix,
)

__all__ = [
    "body_sections",
    "change_cell",
    "components_section",
    "gap_text",
    "heading",
    "method_runs",
    "pill",
    "provenance_section",
    "single_root",
    "trend_tables",
]

_NAVY = "#12263a"


def pill(card: ScoreCard, lang: str) -> Html:
    """A zone pill: the zone's name on its colour."""
    if card.zone is None:
        return Html()
    fill = readable(colour_of(card.zone, card.band))
    name = card.zone.label.get(lang)
    return Html('<span class="pill" style="background:{};color:{}">{}</span>').format(
        fill, ink_for(fill), name
    )


def change_cell(value: Decimal | None) -> Html:
    """A score change with an arrow, green up and red down."""
    if value is None:
        return Html()
    if value > 0:
        return Html('<span class="up">▲ {}</span>').format(fmt_change(value))
    if value < 0:
        return Html('<span class="down">▼ {}</span>').format(fmt_change(value))
    return Html("± {}").format(fmt_change(value))


def heading(report: Report) -> tuple[str, str, str]:
    """The kicker (``Laporan Penilaian · 2022-2024``), the title and the subtitle (rubric,
    zone scheme and assessment date; ids, versions and hashes are in the appendix)."""
    labels = [period.label for period in report.periods]
    span = labels[0] if len(labels) == 1 else f"{labels[0]}\u2013{labels[-1]}"
    subtitle = report.rubric_name
    if report.scheme is not None:
        subtitle += f" · {report.scheme.title.get(report.lang)}"
    subtitle += f" · {assessment_date(report.current, report.lang)}"
    return f"{words(report.lang)['report_title']} · {span}", report.heading, subtitle


def gap_text(gap: Gap | None, lang: str) -> str:
    """``perlu +3,10 poin untuk mencapai B (Baik)``; empty without a band to reach."""
    if gap is None or gap.target is None:
        return ""
    band = band_words(gap.target.code, gap.target.label.get(lang))
    return words(lang)["fix_gap"].format(gap=fmt_score(gap.points), band=band)


def single_root(report: Report) -> bool:
    """Whether the report is on one top unit with a breakdown (its components go beside it)."""
    roots = report.current.cards
    return len(roots) == 1 and bool(roots[0].breakdown)


def method_runs(periods: Sequence[Period]) -> list[list[Period]]:
    """Consecutive periods of one method (rubric and zone scheme): scores of two methods are
    not on one scale, so a trend is drawn per run and each change between runs is marked."""
    return [list(run) for _, run in groupby(periods, key=lambda period: period.method)]


def trend_tables(report: Report) -> list[Table]:
    """The score trend of the top two levels as tables, one per method (rubric and zone
    scheme): scores of two methods are not on one scale, so they never share a row. Each is
    titled with its method; a unit without a score in its periods is left out, a sub-unit is
    marked ``↳`` (Markdown renderers drop leading spaces)."""
    w = words(report.lang)
    tables = []
    for run in method_runs(report.periods):
        rows = []
        for row in rows_of(report.current):
            values = series(run, row.card.unit_id)
            if row.depth <= 1 and any(value is not None for value in values):
                rows.append(("↳ " * row.depth + row.card.name, *(fmt_score(v) for v in values)))
        headers = (w["unit"], *(period.label for period in run))
        method = _method_text(run[0])
        title = gettext("{trend} · method {method}").format(trend=w["trend"], method=method)
        tables.append(Table(headers, rows, set(range(1, len(headers))), title))
    return tables


def _method_text(period: Period) -> str:
    """``ombudsman-2022 / ombudsman-2022``: the rubric and the zone scheme, if any."""
    return " / ".join(part for part in period.method if part)


def _trend(report: Report) -> Section | None:
    if len(report.periods) < 2:
        return None
    w = words(report.lang)
    levels = list(by_level(report.current).values())
    chosen: list[Row] = list(levels[0])
    if len(levels) > 1 and len(chosen) + len(levels[1]) <= 10:
        chosen += levels[1]
    runs = method_runs(report.periods)
    charts = []
    for number, run in enumerate(runs):
        if number:
            before, after = runs[number - 1][-1], run[0]
            charts.append(
                Html("<p class='meta'><strong>‖ {} → {}: {} → {}</strong></p>").format(
                    before.label, after.label, _method_text(before), _method_text(after)
                )
            )
        if len(run) < 2:
            continue
        lines = []
        for index, row in enumerate(chosen):
            strong = row.depth == 0
            colour = _NAVY if strong and len(levels[0]) == 1 else PALETTE[index % len(PALETTE)]
            lines.append(Line(row.card.name, tuple(series(run, row.card.unit_id)), colour, strong))
        labels = [period.label for period in run]
        scheme = report.scheme if run is runs[-1] else None
        charts.append(trend_chart(w["trend"], labels, lines, scheme))
        charts.append(_legend(lines))
    figure = Figure(Html("").join(charts), tuple(trend_tables(report)))
    return Section("trend", w["trend"], (figure,))


def _legend(lines: Sequence[Line]) -> Html:
    """The trend's units under the chart: colour, whole name and last score (an HTML list,
    so long names wrap on a narrow screen instead of being cut)."""
    items = []
    for line in lines:
        last = next((v for v in reversed(line.values) if v is not None), None)
        weight = Html(" class='strong'") if line.strong else Html()
        items.append(
            Html("<li{}><i style='background:{}'></i>{} · {}</li>").format(
                weight, line.colour, line.label, fmt_score(last)
            )
        )
    return Html("<ul class='legend trend-legend'>{}</ul>").format(Html("").join(items))


def components_section(report: Report) -> Section | None:
    """Each top unit's achievement per component (two units at most): a bar chart, and its
    table for Markdown."""
    w, lang = words(report.lang), report.lang
    roots = [card for card in report.current.cards if card.breakdown][:2]
    if not roots:
        return None
    blocks = []
    for card in roots:
        bars, rows = [], []
        for node in card.breakdown:
            share, points = points_share(node), fmt_points(node.contribution)
            row = (
                node.title.get(lang),
                fmt_percent(share),
                f"{points} / {fmt_points(node.maximum)}",
            )
            bars.append(Bar(row[0], share, f"{row[1]} · {row[2]}"))  # the table's words
            rows.append(row)
        table = Table((w["component"], w["coverage"], w["contribution"]), rows, {1, 2})
        figure = Figure(bar_chart(f"{w['components']}: {card.name}", bars), (table,))
        blocks.append(Box("", (Heading(card.name), figure)) if len(roots) > 1 else figure)
    if len(roots) > 1:
        blocks = [Box("charts", tuple(blocks))]
    return Section("components", w["components"], tuple(blocks))


def _summary(report: Report) -> Section:
    """Units, mean score and zone counts per level."""
    w, lang = words(report.lang), report.lang
    rows = []
    legend: dict[str, str] = {}
    for level, members in by_level(report.current).items():
        summary = summarize(level, members, report.scheme)
        for zone, _ in summary.zones:
            legend[zone.label.get(lang)] = colour_of(zone)
        counts = " · ".join(
            f"{zone.label.get(lang)}: {count}" for zone, count in summary.zones if count
        )
        strip = zone_strip(counts, summary.zones)
        rows.append(
            (
                level_name(level, lang),
                str(summary.count),
                fmt_score(summary.mean),
                Cell(counts, html=strip),
                counts,
            )
        )
    items = Html("").join(
        Html("<span><i style='background:{}'></i>{}</span>").format(c, n) for n, c in legend.items()
    )
    table = Table((w["level"], w["count"], w["mean"], w["zone"], ""), rows, {1, 2})
    legend_html = Html("<div class='legend'>{}</div>").format(items)
    return Section("summary", w["summary"], (table, Figure(legend_html)))


def _ranking(report: Report) -> Section:
    """Every level's units ranked by score, with zone colours and changes."""
    w, lang = words(report.lang), report.lang
    high = float(report.scheme.maximum) if report.scheme is not None else 100.0
    keys = ("rank", "unit", "parent", "score", "band", "zone", "coverage", "change")
    blocks: list[Heading | Table] = []
    for level, members in by_level(report.current).items():
        rows = []
        for place, row in rank(members):
            card = row.card
            width = 0.0 if card.published is None else max(0.0, float(card.published) / high)
            score = fmt_score(card.published)
            bar = Html(
                "<span class='scorebar' style='width:{:.0f}px;background:{}'></span>"
                "<strong>{}</strong>"
            ).format(width * 90, colour_of(card.zone, card.band), score)
            change = report.change(card)
            rows.append(
                (
                    "-" if place is None else str(place),
                    card.name,
                    "" if row.parent is None else row.parent.name,
                    Cell(score, html=bar, css="nowrap"),
                    band_text(card, lang),
                    Cell(zone_cell(card, lang).text, html=pill(card, lang)),
                    fmt_percent(card.coverage),
                    Cell(fmt_change(change), html=change_cell(change)),
                )
            )
        classes = ("num", "", "", "", "", "", "num", "num")
        table = Table([w[key] for key in keys], rows, {0, 3, 6, 7}, classes=classes)
        blocks += [Heading(level_name(level, lang)), table]
    return Section("ranking", w["ranking"], tuple(blocks))


def _heat_colour(ratio: Fraction | None) -> str:
    if ratio is None:
        return "#eef1f4"
    stops = ((0.0, (245, 183, 177)), (0.5, (252, 243, 207)), (1.0, (171, 235, 198)))
    value = min(max(float(ratio), 0.0), 1.0)
    (x0, c0), (x1, c1) = (stops[0], stops[1]) if value <= 0.5 else (stops[1], stops[2])
    t = (value - x0) / (x1 - x0)
    red, green, blue = (round(a + (b - a) * t) for a, b in zip(c0, c1, strict=True))
    return f"#{red:02x}{green:02x}{blue:02x}"


def _heatmap(report: Report) -> Section | None:
    """Each unit's achievement per component, red to green (needs 2+ units)."""
    w, lang = words(report.lang), report.lang
    levels = list(by_level(report.current).values())
    members: Sequence[Row] = levels[0]
    if len(members) == 1 and len(levels) > 1:
        members = levels[1]
    members = [row for row in members if row.card.breakdown]
    if len(members) < 2:
        return None
    heads = members[0].card.breakdown
    rows: list[list[Cell | str]] = []
    for row in members:
        shares = [points_share(node) for node in row.card.breakdown]
        score = fmt_score(row.card.published)
        total = Html("<strong>{}</strong> {}").format(score, pill(row.card, lang))
        rows.append(
            [
                row.card.name,
                *(
                    Cell(fmt_percent(s), css="cell", style=f"background:{_heat_colour(s)}")
                    for s in shares
                ),
                Cell(score, html=total, css="num nowrap"),
            ]
        )
    headers = (w["unit"], *(node.title.get(lang) for node in heads), w["score"])
    classes = ("", *("comp" for _ in heads), "num")
    table = Table(headers, rows, range(1, len(headers)), css="heat", classes=classes)
    return Section("heatmap", w["heatmap"], (table,))


def _fixes(report: Report) -> Section | None:
    """What to fix in each unit below the top band: the gap and the biggest losses, in every
    level but the bottom one when there are three or more (the bottom units are explained
    one by one with ``pelayanan explain``)."""
    w, lang = words(report.lang), report.lang
    levels = list(by_level(report.current).values())
    cards = []
    for members in levels[:-1] if len(levels) > 2 else levels:
        for card, gap, found in to_fix(members, report.scheme, report.fixes):
            losses = tuple((loss_title(loss, lang), fmt_points(loss.node.lost)) for loss in found)
            blocks = (
                Heading(f"{card.name} · {fmt_score(card.published)}"),
                Para(gap_text(gap, lang), "gap", "div"),
                Losses(losses, w["lost"].lower()),
            )
            cards.append(Box("fix", blocks, colour_of(card.zone, card.band)))
    if not cards:
        return None
    return Section("fixes", w["fixes"], (Para(w["fixes_note"], "note"), Box("fixes", tuple(cards))))


def provenance_section(report: Report) -> Section:
    """Rubric, zone scheme, hashes, parameters and dates of every period, latest first."""
    w = words(report.lang)
    blocks = []
    for period in reversed(report.periods):
        p = period.assessment.provenance
        scheme = "-" if p.zone_scheme_id is None else f"{p.zone_scheme_id}@{p.zone_scheme_version}"
        facts = (
            (w["rubric"], f"{p.rubric_id}@{p.rubric_version}"),
            (w["hash"], p.rubric_hash),
            (w["zone_scheme"], scheme),
            (w["hash"] + " " + w["zone_scheme"].lower(), p.zone_scheme_hash or "-"),
            (w["parameters"], ", ".join(f"{k}={v}" for k, v in p.parameters) or "-"),
            (w["scoring_model"], p.scoring_model or "-"),
            (w["evidence"], f"{p.evidence_count} {w['evidence_items']}"),
            (w["assessed_on"], p.assessed_on or "-"),
            (w["library"], f"pelayanan {p.library_version}"),
        )
        blocks.append(Box("", (Heading(period.label), Facts(facts))))
    return Section("provenance", w["provenance"], (Box("provs", tuple(blocks)),))


def body_sections(report: Report) -> list[Section]:
    """The sections between the headline and the practice sections, in page order (the
    components are beside the headline when the report is on one top unit)."""
    found = (
        _trend(report),
        None if single_root(report) else components_section(report),
        _summary(report),
        _ranking(report),
        _heatmap(report),
        _fixes(report),
    )
    return [section for section in found if section is not None]
