"""The HTML report: one self-contained page (inline CSS and SVG, no scripts, no network).

It shows the headline score of each top unit, the trend over the periods given, the
achievement per component, a summary per level, every unit ranked within its level with
its zone colour, a component heat map, what to fix in each unit, and the provenance of
every assessment (rubric, version, content hash, parameters, date).
"""

from __future__ import annotations

from collections.abc import Sequence

from pelayanan._i18n import use_language
from pelayanan._model.results import ScoreCard
from pelayanan._reports.html_parts import (
    band_cell,
    change_cell,
    fixes_section,
    heatmap_section,
    pill,
    provenance_section,
    ranking_section,
    summary_section,
)
from pelayanan._reports.i18n import words, zone_name
from pelayanan._reports.safe import Html, escape
from pelayanan._reports.style import CSS
from pelayanan._reports.svg import (
    PALETTE,
    Bar,
    Line,
    band_gauge,
    bar_chart,
    trend_chart,
)
from pelayanan._reports.tables import band_words
from pelayanan._reports.view import (
    Period,
    Report,
    Row,
    assessment_date,
    by_level,
    colour_of,
    fmt_count,
    fmt_percent,
    fmt_points,
    fmt_score,
    gap_to_next,
    points_share,
    series,
)
from pelayanan._version import __version__

__all__ = ["render_html"]

_NAVY = "#12263a"


def _heroes(report: Report) -> Html:
    lang, w = report.lang, words(report.lang)
    roots = report.current.cards
    if len(roots) > 4:
        return Html()
    before = report.periods[-2].label if len(report.periods) > 1 else None
    single = _single_root(report)
    parts = [Html('<div class="lead">') if single else Html('<div class="heroes">')]
    for card in roots:
        fill = colour_of(card.zone, card.band)
        change = report.change(card)
        since = Html()
        if change is not None and before is not None:
            previous = Html("{} ({})").format(escape(w["previous"]), escape(before))
            since = Html("<div class='meta'>{} {}").format(change_cell(change), previous)
            old = report.previous_card(card.unit_id)
            if old is not None and old.zone is not None and card.zone is not None:
                since += Html(" · {} → {}").format(
                    escape(zone_name(old.zone.id, old.zone.label.get(lang), lang)),
                    escape(zone_name(card.zone.id, card.zone.label.get(lang), lang)),
                )
            since += Html("</div>")
        parts.append(
            Html(
                '<div class="hero" style="--zone:{}">'
                '<div class="name">{}</div>'
                '<div class="score">{}</div>'
                "<div>{} &nbsp;<strong>{}</strong></div>"
                "<div class='meta'>{} {} · "
                "{} {}</div>{}"
                "{}</div>"
            ).format(
                fill,
                escape(card.name),
                fmt_score(card.published),
                pill(card, lang),
                band_cell(card, lang),
                escape(w["coverage"]),
                fmt_percent(card.coverage),
                fmt_count(card.evidence_count),
                escape(w["evidence_items"]),
                since,
                _gauge(report, card),
            )
        )
    if single:
        parts.append(_components(report))
    parts.append(Html("</div>"))
    return Html("").join(parts)


def _gauge(report: Report, card: ScoreCard) -> Html:
    if report.scheme is None or card.published is None:
        return Html()
    w, lang = words(report.lang), report.lang
    svg = band_gauge(f"{w['band']}: {fmt_score(card.published)}", report.scheme, card.published)
    gap = gap_to_next(card, report.scheme)
    note = w["fix_top"]
    if gap is not None and gap.target is not None:
        note = w["fix_gap"].format(
            gap=fmt_score(gap.points), band=band_words(gap.target.code, gap.target.label.get(lang))
        )
    return Html("<div class='gauge-box'>{}<div class='meta'>{}</div></div>").format(
        svg, escape(note)
    )


def _single_root(report: Report) -> bool:
    roots = report.current.cards
    return len(roots) == 1 and bool(roots[0].breakdown)


def method_runs(periods: Sequence[Period]) -> list[list[Period]]:
    """Consecutive periods of one method (rubric and zone scheme): scores of two methods are
    not on one scale, so a trend is drawn per run and each change between runs is marked."""
    runs: list[list[Period]] = []
    for period in periods:
        p = period.assessment.provenance
        key = (p.rubric_id, p.zone_scheme_id)
        if runs:
            q = runs[-1][-1].assessment.provenance
            if (q.rubric_id, q.zone_scheme_id) == key:
                runs[-1].append(period)
                continue
        runs.append([period])
    return runs


def _trend(report: Report) -> Html:
    if len(report.periods) < 2:
        return Html()
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
            pb, pa = before.assessment.provenance, after.assessment.provenance
            charts.append(
                Html("<p class='meta'><strong>‖ {} → {}: {} / {} → {} / {}</strong></p>").format(
                    escape(before.label),
                    escape(after.label),
                    escape(pb.rubric_id),
                    escape(pb.zone_scheme_id or "-"),
                    escape(pa.rubric_id),
                    escape(pa.zone_scheme_id or "-"),
                )
            )
        if len(run) < 2:
            continue
        lines = []
        for index, row in enumerate(chosen):
            strong = row.depth == 0
            colour = _NAVY if strong and len(levels[0]) == 1 else PALETTE[index % len(PALETTE)]
            values = tuple(series(run, row.card.unit_id))
            lines.append(Line(row.card.name, values, colour, strong))
        labels = [period.label for period in run]
        scheme = report.scheme if run is runs[-1] else None
        charts.append(trend_chart(w["trend"], labels, lines, scheme, labels=False))
        charts.append(_legend(lines))
    return Html("<section id='trend'><h2>{}</h2>{}</section>").format(
        escape(w["trend"]), Html("").join(charts)
    )


def _legend(lines: Sequence[Line]) -> Html:
    """The trend's units under the chart: colour, whole name and last score (an HTML list,
    so long names wrap on a narrow screen instead of being cut)."""
    items = []
    for line in lines:
        last = next((v for v in reversed(line.values) if v is not None), None)
        weight = Html(" class='strong'") if line.strong else Html()
        items.append(
            Html("<li{}><i style='background:{}'></i>{} · {}</li>").format(
                weight, line.colour, escape(line.label), fmt_score(last)
            )
        )
    return Html("<ul class='legend trend-legend'>{}</ul>").format(Html("").join(items))


def _components(report: Report) -> Html:
    w, lang = words(report.lang), report.lang
    roots = [card for card in report.current.cards if card.breakdown][:2]
    if not roots:
        return Html()
    parts = [Html("<section id='components'><h2>{}</h2>").format(escape(w["components"]))]
    for card in roots:
        bars = [
            Bar(
                node.title.get(lang),
                points_share(node),
                f"{fmt_percent(points_share(node))} · {fmt_points(node.contribution)} / "
                f"{fmt_points(node.maximum)}",
            )
            for node in card.breakdown
        ]
        chart = bar_chart(f"{w['components']}: {card.name}", bars)
        if len(roots) > 1:
            chart = Html("<div><h3>{}</h3>{}</div>").format(escape(card.name), chart)
        parts.append(chart)
    if len(roots) > 1:
        parts.insert(1, Html("<div class='charts'>"))
        parts.append(Html("</div>"))
    parts.append(Html("</section>"))
    return Html("").join(parts)


def _heading(report: Report) -> tuple[str, str, str]:
    w, lang = words(report.lang), report.lang
    current = report.current
    labels = [period.label for period in report.periods]
    span = labels[0] if len(labels) == 1 else f"{labels[0]}\u2013{labels[-1]}"
    subtitle = report.rubric_name  # ids, versions and hashes are in the technical appendix
    if report.scheme is not None:
        subtitle += f" · {report.scheme.title.get(lang)}"
    subtitle += f" · {assessment_date(current, lang)}"
    return f"{w['report_title']} · {span}", report.heading, subtitle


def render_html(report: Report, extra: Html | None = None) -> str:
    """The whole report as one HTML document (UTF-8 text).

    ``extra`` is HTML of further sections (e.g. the practice sections), placed before the
    provenance; it must be :class:`~pelayanan.Html` (plain text would be escaped, shown as
    text).
    """
    with use_language(report.lang):
        return _render_html(report, extra)


def _render_html(report: Report, extra: Html | None) -> str:
    kicker, title, subtitle = _heading(report)
    w = words(report.lang)
    body = Html("").join(
        (
            _heroes(report),
            _trend(report),
            Html() if _single_root(report) else _components(report),
            summary_section(report),
            ranking_section(report),
            heatmap_section(report),
            fixes_section(report),
            extra or Html(),
            provenance_section(report),
        )
    )
    footer = escape(w["generated_by"].format(version=__version__))
    return str(
        Html(
            '<!DOCTYPE html>\n<html lang="{}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<title>{} · {}</title><style>{}</style></head>"
            '<body><header class="top"><p>{}</p><h1>{}</h1>'
            "<p>{}</p></header><main>{}</main>"
            "<footer>{}</footer></body></html>\n"
        ).format(
            escape(report.lang),
            escape(title),
            escape(kicker),
            Html(CSS),
            escape(kicker),
            escape(title),
            escape(subtitle),
            body,
            footer,
        )
    )
