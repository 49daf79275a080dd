"""The Markdown report: the same content as the HTML page, as text tables and lists."""

from __future__ import annotations

from pelayanan._i18n import use_language
from pelayanan._reports.i18n import level_name, words, zone_name
from pelayanan._reports.safe import Md, md_code
from pelayanan._reports.tables import Cell, Table, band_text, band_words, render_markdown, zone_cell
from pelayanan._reports.view import (
    Report,
    assessment_date,
    by_level,
    fmt_change,
    fmt_count,
    fmt_date,
    fmt_percent,
    fmt_points,
    fmt_score,
    loss_title,
    points_share,
    rank,
    rows_of,
    series,
    summarize,
    to_fix,
)
from pelayanan._version import __version__

__all__ = ["render_markdown_report"]


def _heading(report: Report) -> list[Md]:
    w, lang = words(report.lang), report.lang
    labels = [period.label for period in report.periods]
    span = labels[0] if len(labels) == 1 else Md("{} - {}").format(labels[0], labels[-1])
    assessed = Md(" · {}").format(assessment_date(report.current, lang))
    lines = [
        Md("# {}").format(report.heading),
        Md(),
        Md("*{} · {}* — {}{}").format(w["report_title"], span, report.rubric_name, assessed),
        Md(),
    ]
    for card in report.current.cards[:4]:
        change = report.change(card)
        since = Md() if change is None else Md(" ({})").format(fmt_change(change))
        lines.append(
            Md("- **{}: {}**{} — {}, {}, {} {}").format(
                card.name,
                fmt_score(card.published),
                since,
                band_text(card, lang),
                zone_cell(card, lang).text,
                w["coverage"].lower(),
                fmt_percent(card.coverage),
            )
        )
    lines.append(Md())
    return lines


def _summary(report: Report) -> list[Md]:
    w, lang = words(report.lang), report.lang
    rows = []
    for level, members in by_level(report.current).items():
        summary = summarize(level, members, report.scheme)
        zones = Md(", ").join(
            Md("{}: {}").format(zone_name(zone.id, zone.label.get(lang), lang), count)
            for zone, count in summary.zones
            if count
        )
        rows.append((level_name(level, lang), str(summary.count), fmt_score(summary.mean), zones))
    table = Table((w["level"], w["count"], w["mean"], w["zone"]), rows, {1, 2})
    return [Md("## {}").format(w["summary"]), Md(), render_markdown(table)]


def _trend(report: Report) -> list[Md]:
    if len(report.periods) < 2:
        return []
    w = words(report.lang)
    rows = []
    for row in rows_of(report.current):
        if row.depth > 1:
            continue
        values = series(report.periods, row.card.unit_id)
        # a sub-unit is marked, not indented: Markdown renderers drop leading spaces
        name = ("↳ " * row.depth) + row.card.name
        rows.append((name, *(fmt_score(v) for v in values)))
    headers = (w["unit"], *(period.label for period in report.periods))
    table = Table(headers, rows, set(range(1, len(headers))))
    return [Md("## {}").format(w["trend"]), Md(), render_markdown(table)]


def _components(report: Report) -> list[Md]:
    w, lang = words(report.lang), report.lang
    lines = [Md("## {}").format(w["components"]), Md()]
    for card in report.current.cards[:2]:
        rows = [
            (
                node.title.get(lang),
                fmt_percent(points_share(node)),
                Md("{} / {}").format(fmt_points(node.contribution), fmt_points(node.maximum)),
            )
            for node in card.breakdown
        ]
        table = Table((w["component"], w["coverage"], w["contribution"]), rows, {1, 2})
        if len(report.current.cards) > 1:
            lines += [Md("### {}").format(card.name), Md()]
        lines.append(render_markdown(table))
    return lines


def _ranking(report: Report) -> list[Md]:
    w, lang = words(report.lang), report.lang
    lines = [Md("## {}").format(w["ranking"]), Md()]
    for level, members in by_level(report.current).items():
        rows = []
        for place, row in rank(members):
            card = row.card
            change = report.change(card)
            rows.append(
                (
                    "-" if place is None else str(place),
                    card.name,
                    "" if row.parent is None else row.parent.name,
                    Cell(fmt_score(card.published)),
                    band_text(card, lang),
                    zone_cell(card, lang).text,
                    fmt_percent(card.coverage),
                    "" if change is None else fmt_change(change),
                )
            )
        headers = (
            w["rank"],
            w["unit"],
            w["parent"],
            w["score"],
            w["band"],
            w["zone"],
            w["coverage"],
            w["change"],
        )
        lines += [
            Md("### {}").format(level_name(level, lang)),
            Md(),
            render_markdown(Table(headers, rows, {0, 3, 6, 7})),
        ]
    return lines


def _fixes(report: Report) -> list[Md]:
    w, lang = words(report.lang), report.lang
    lines = [Md("## {}").format(w["fixes"]), Md()]
    for members in by_level(report.current).values():
        for card, gap, found in to_fix(members, report.scheme, report.fixes):
            head = Md("### {} · {}").format(card.name, fmt_score(card.published))
            lines += [head, Md()]
            if gap is not None and gap.target is not None:
                band = band_words(gap.target.code, gap.target.label.get(lang))
                gap_text = w["fix_gap"].format(gap=fmt_score(gap.points), band=band)
                lines += [Md("{}").format(gap_text), Md()]
            lines += [
                Md("{}. {} — {} {}").format(
                    i, loss_title(loss, lang), w["lost"].lower(), fmt_points(loss.node.lost)
                )
                for i, loss in enumerate(found, start=1)
            ]
            lines.append(Md())
    return lines if len(lines) > 2 else []


def _provenance(report: Report) -> list[Md]:
    w = words(report.lang)
    lines = [Md("## {}").format(w["provenance"]), Md()]
    for period in reversed(report.periods):
        p = period.assessment.provenance
        scheme = "-" if p.zone_scheme_id is None else f"{p.zone_scheme_id}@{p.zone_scheme_version}"
        params = ", ".join(f"{k}={v}" for k, v in p.parameters) or "-"
        lines += [
            Md("### {}").format(period.label),
            Md(),
            Md("- {}: {} ({})").format(
                w["rubric"], md_code(f"{p.rubric_id}@{p.rubric_version}"), md_code(p.rubric_hash)
            ),
            Md("- {}: {} ({})").format(
                w["zone_scheme"], md_code(scheme), md_code(p.zone_scheme_hash or "-")
            ),
            Md("- {}: {}").format(w["parameters"], params),
            Md("- {}: {}").format(w["scoring_model"], p.scoring_model or "-"),
            Md("- {}: {} {}").format(
                w["evidence"], fmt_count(p.evidence_count), w["evidence_items"]
            ),
            Md("- {}: {}").format(
                w["assessed_on"], fmt_date(p.assessed_on) if p.assessed_on else "-"
            ),
            Md("- {}: pelayanan {}").format(w["library"], p.library_version),
            Md(),
        ]
    return lines


def render_markdown_report(report: Report) -> str:
    """The whole report as Markdown text."""
    with use_language(report.lang):
        return _render_markdown_report(report)


def _render_markdown_report(report: Report) -> str:
    w = words(report.lang)
    lines: list[Md] = [
        *_heading(report),
        *_summary(report),
        *_trend(report),
        *_components(report),
        *_ranking(report),
        *_fixes(report),
        *_provenance(report),
        Md("---"),
        Md(),
        Md("*{}*").format(w["generated_by"].format(version=__version__)),
    ]
    return str(Md("\n").join(lines)).rstrip() + "\n"
