"""The Markdown report: the sections of the HTML page (:mod:`~pelayanan._reports.report`), as
text, tables and lists."""

from __future__ import annotations

from collections.abc import Sequence

from pelayanan._i18n import use_language
from pelayanan._reports.document import Section, to_markdown
from pelayanan._reports.figures import fmt_change, fmt_percent, fmt_score
from pelayanan._reports.i18n import words
from pelayanan._reports.report import body_sections, components_section, heading, single_root
from pelayanan._reports.report import provenance_section as provenance
from pelayanan._reports.safe import Md
from pelayanan._reports.tables import band_text, zone_cell
from pelayanan._reports.view import Report
from pelayanan._version import __version__

__all__ = ["markdown_page", "render_markdown_report"]


def _heading(report: Report) -> Md:
    w, lang = words(report.lang), report.lang
    kicker, title, subtitle = heading(report)
    lines = [Md("# {}").format(title), Md(), Md("*{}* — {}").format(kicker, subtitle), Md()]
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
    return Md("\n").join(lines)


def render_markdown_report(report: Report) -> str:
    """The whole report as Markdown text."""
    return markdown_page(report)


def markdown_page(report: Report, extra: Sequence[Section] = ()) -> str:
    """The report as Markdown with further sections (e.g. the practice sections) before the
    provenance, as in the HTML page."""
    with use_language(report.lang):
        lead = [components_section(report)] if single_root(report) else []
        sections = [*lead, *body_sections(report), *extra, provenance(report)]
        footer = words(report.lang)["generated_by"].format(version=__version__)
        parts = [_heading(report), to_markdown(s for s in sections if s), Md("---")]
        return str(Md("\n\n").join([*parts, Md("*{}*").format(footer)])) + "\n"
