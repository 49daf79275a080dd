"""The HTML page and the Markdown text are written from one set of sections (issue 10)."""

from __future__ import annotations

import html
import re

from pelayanan._reports import Period, Report
from pelayanan._reports.document import Section, to_html
from pelayanan._reports.html import render_html
from pelayanan._reports.markdown import markdown_page
from pelayanan._reports.practice import Practice, practice_sections

from ._factories import RUBRIC, SCHEME, round_one, round_two


def _report(lang: str) -> tuple[Report, list[Section]]:
    periods = [Period("2023", round_one()), Period("2024", round_two())]
    report = Report(periods, SCHEME, RUBRIC.title, lang=lang)
    return report, practice_sections(Practice(), report.current, lang)


def test_markdown_has_the_sections_of_the_page_in_its_order() -> None:
    for lang in ("id", "en"):
        report, extra = _report(lang)
        page = render_html(report, to_html(extra))
        text = markdown_page(report, extra)
        titles = [
            html.unescape(t) for t in re.findall(r"<section id='[^']+'><h2>([^<]*)</h2>", page)
        ]
        headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
        # trend, components, summary, ranking, heat map, what to fix, provenance
        assert len(titles) == 7, titles
        assert headings == titles


def test_each_chart_gives_markdown_its_table() -> None:
    report, _ = _report("en")
    text = markdown_page(report)
    # the trend is a table per method; the heat map a table of shares per component:
    # Dinas A 2024: layanan 3/3 of its 75 points met (100%), ruang_tunggu 0 + 3 over two
    # products = 1.5 of 3 -> 50% of sarana's 25 points; 87.50 as in _factories.
    assert "**Score trend · method contoh / ombudsman-2022**" in text
    assert "| Dinas A | 100% | 50% | 87.50 |" in text
    assert "| Kota \\<Contoh\\> \\& Co | 46.88 | 93.75 |" in text
