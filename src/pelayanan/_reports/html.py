"""The HTML report: one self-contained page (inline CSS and SVG, no scripts, no network).

It shows the headline score of each top unit with its band gauge, then the sections of
:mod:`~pelayanan._reports.report` (trend, components, summary, ranking, heat map, what to fix),
any further sections, and the provenance of every assessment.
"""

from __future__ import annotations

from pelayanan._i18n import use_language
from pelayanan._model.results import ScoreCard
from pelayanan._reports.document import to_html
from pelayanan._reports.figures import colour_of, fmt_count, fmt_percent, fmt_score
from pelayanan._reports.i18n import words
from pelayanan._reports.report import (
    body_sections,
    change_cell,
    components_section,
    gap_text,
    heading,
    pill,
    provenance_section,
    single_root,
)
from pelayanan._reports.safe import Html
from pelayanan._reports.style import CSS
from pelayanan._reports.svg import band_gauge
from pelayanan._reports.tables import band_text
from pelayanan._reports.view import Report, gap_to_next
from pelayanan._version import __version__

__all__ = ["render_html"]


def _heroes(report: Report) -> Html:
    lang, w = report.lang, words(report.lang)
    roots = report.current.cards
    if len(roots) > 4:
        return Html()
    single = single_root(report)
    parts = [Html('<div class="lead">') if single else Html('<div class="heroes">')]
    for card in roots:
        parts.append(
            Html(
                '<div class="hero" style="--zone:{}"><div class="name">{}</div>'
                '<div class="score">{}</div><div>{} &nbsp;<strong>{}</strong></div>'
                "<div class='meta'>{} {} · {} {}</div>{}{}</div>"
            ).format(
                colour_of(card.zone, card.band),
                card.name,
                fmt_score(card.published),
                pill(card, lang),
                band_text(card, lang),
                w["coverage"],
                fmt_percent(card.coverage),
                fmt_count(card.evidence_count),
                w["evidence_items"],
                _since(report, card),
                _gauge(report, card),
            )
        )
    if single:
        parts.append(to_html([section for section in [components_section(report)] if section]))
    parts.append(Html("</div>"))
    return Html("").join(parts)


def _since(report: Report, card: ScoreCard) -> Html:
    """The change since the previous period (none across a change of method) and the zone
    before and now (zones compare across methods too); empty when there is neither."""
    old, change = report.previous_card(card.unit_id), report.change(card)
    if old is None or (change is None and (old.zone is None or card.zone is None)):
        return Html()
    previous = Html("{} ({})").format(words(report.lang)["previous"], report.periods[-2].label)
    parts = [previous if change is None else Html("{} {}").format(change_cell(change), previous)]
    if old.zone is not None and card.zone is not None:
        zones = old.zone.label.get(report.lang), card.zone.label.get(report.lang)
        parts.append(Html("{} → {}").format(*zones))
    return Html("<div class='meta'>{}</div>").format(Html(" · ").join(parts))


def _gauge(report: Report, card: ScoreCard) -> Html:
    if report.scheme is None or card.published is None:
        return Html()
    w = words(report.lang)
    svg = band_gauge(f"{w['band']}: {fmt_score(card.published)}", report.scheme, card.published)
    note = gap_text(gap_to_next(card, report.scheme), report.lang) or w["fix_top"]
    return Html("<div class='gauge-box'>{}<div class='meta'>{}</div></div>").format(svg, note)


def render_html(report: Report, extra: Html | None = None) -> str:
    """The whole report as one HTML document (UTF-8 text).

    ``extra`` is HTML of further sections (e.g. the practice sections, written by
    ``to_html``), placed before the provenance; it must be :class:`~pelayanan.Html` (plain
    text would be escaped, shown as text).
    """
    with use_language(report.lang):
        kicker, title, subtitle = heading(report)
        body = Html("").join(
            (
                _heroes(report),
                to_html(body_sections(report)),
                extra or Html(),
                to_html([provenance_section(report)]),
            )
        )
        footer = words(report.lang)["generated_by"].format(version=__version__)
        return str(
            Html(
                '<!DOCTYPE html>\n<html lang="{}"><head><meta charset="utf-8">'
                '<meta name="viewport" content="width=device-width, initial-scale=1">'
                "<title>{} · {}</title><style>{}</style></head>"
                '<body><header class="top"><p>{}</p><h1>{}</h1>'
                "<p>{}</p></header><main>{}</main>"
                "<footer>{}</footer></body></html>\n"
            ).format(report.lang, title, kicker, Html(CSS), kicker, title, subtitle, body, footer)
        )
