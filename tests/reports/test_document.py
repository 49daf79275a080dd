"""The HTML page, the Markdown text and the workbook are written from one set of sections
(issue 10)."""

from __future__ import annotations

import html
import io
import re
from decimal import Decimal

import pytest

from pelayanan._reports import Period, Report
from pelayanan._reports.document import Box, Figure, Heading, Para, Section, to_html, to_xlsx
from pelayanan._reports.html import render_html
from pelayanan._reports.markdown import markdown_page
from pelayanan._reports.practice import Practice, practice_sections
from pelayanan._reports.safe import Html
from pelayanan._reports.tables import Cell, Table

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


def test_a_workbook_writes_the_blocks_numbers_as_numbers() -> None:
    openpyxl = pytest.importorskip("openpyxl")
    table = Table(
        ("Unit", "Skor", ""),  # the third column is HTML only (no header): left out
        [["=1+1", Cell("83,19", value=Decimal("83.19")), "x"], ["Jumlah", "-", "y"]],
        {1},
        totals=1,
    )
    blocks = [Para("catatan"), Section("s", "Bagian", (Box("", (Heading("Sub"), table)),))]
    figure = Figure(Html("<svg></svg>"), (Para("teks grafik"),))
    data = to_xlsx([("Satu", "Judul", blocks), ("Dua", "Judul dua", [figure])])
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Satu", "Dua"]
    first = book["Satu"]
    rows = [list(row) for row in first.iter_rows(values_only=True)]
    assert first.max_column == 2
    assert [row[:2] for row in rows] == [
        ["Judul", None],
        ["catatan", None],
        [None, None],  # an empty row before a section's title
        ["Bagian", None],
        ["Sub", None],
        ["Unit", "Skor"],
        ["'=1+1", 83.19],  # text formula-safe, a number as a number
        ["Jumlah", None],  # "-" (nothing to show) is left empty
    ]
    bold = [first.cell(row=r, column=1).font.b for r in range(1, 9)]
    assert bold == [True, False, False, True, True, True, False, True]  # totals row bold
    assert first.cell(row=1, column=1).font.sz == 14
    assert [row[0] for row in book["Dua"].iter_rows(values_only=True)] == [
        "Judul dua",
        "teks grafik",
    ]
