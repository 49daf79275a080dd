"""The SKM report as an XLSX workbook officials can open (needs ``openpyxl``).

Sheet 1 holds the results (index, per-element table, profile, segments, lowest elements
with the empty follow-up plan, sample adequacy, comparison); sheet 2 the processing table
per respondent per element ("pengolahan data per responden per unsur"), as units publish
it. Numbers are written as numbers (the values :func:`survey_data` shows); every text cell
goes through a formula-safe text function, so nothing from the data is
read as a formula.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from pelayanan._readers.xlsx_reader import load_openpyxl
from pelayanan._reports.safe import spreadsheet_text
from pelayanan._reports.survey import (
    RESPONDENT_SHEET,
    SUMMARY_SHEET,
    shown_number,
    survey_words,
)
from pelayanan._reports.survey_pages import (
    Grid,
    comparison_table,
    distribution_table,
    element_headers,
    element_rows,
    lowest_table,
    profile_rows,
    respondent_table,
    sample_verdict,
    segment_table,
)

__all__ = ["render_survey_xlsx"]


def _cell(value: object) -> object:
    """A value as written to a cell: numbers as numbers, text made formula-safe."""
    if value is None:
        return None
    if isinstance(value, bool):
        return spreadsheet_text(str(value))
    if isinstance(value, int | Decimal):
        return value
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    return spreadsheet_text(str(value))


def _exact_number(text: str) -> int | Decimal | str:
    """An exact number of the data (``"41"``, ``"3.5"``) as a cell number when it is one."""
    try:
        if "/" in text:
            return text
        number = Decimal(text)
    except ArithmeticError:
        return text
    return int(number) if number == number.to_integral_value() else number


def render_survey_xlsx(data: Mapping[str, Any]) -> bytes:
    """The workbook's bytes.

    Raises:
        ReaderUnavailableError: openpyxl is not installed (the message says how to get it).
    """
    openpyxl = load_openpyxl()
    lang = str(data.get("lang", "id"))
    w = survey_words(lang)
    book = openpyxl.Workbook()
    summary = book.active
    summary.title = SUMMARY_SHEET.get(lang, SUMMARY_SHEET["id"])
    bold = openpyxl.styles.Font(bold=True)
    big = openpyxl.styles.Font(bold=True, size=14)

    def put(sheet: Any, row: Sequence[object], *, strong: bool = False) -> None:
        sheet.append([_cell(value) for value in row])
        if strong:
            for cell in sheet[sheet.max_row]:
                cell.font = bold

    def grid(sheet: Any, table: Grid, *, strong_last: bool = False) -> None:
        headers, rows = table
        put(sheet, headers, strong=True)
        for number, row in enumerate(rows, start=1):
            put(sheet, row, strong=strong_last and number == len(rows))

    def heading(sheet: Any, text: str) -> None:
        sheet.append([])
        sheet.append([_cell(text)])
        sheet[sheet.max_row][0].font = big

    overall = data["overall"]
    summary.append([_cell(data.get("title") or f"{w['title']} · {data['unit']}")])
    summary["A1"].font = big
    rubric = data["rubric"]
    put(summary, [w["rubric"], f"{rubric['title']} ({rubric['id']}@{rubric['version']})"])
    if data.get("period"):
        put(summary, [w["period"], data["period"]])
    for name, choice in data["parameters"].items():
        put(summary, [name, choice])
    put(summary, [w["respondents"], data["respondents"]])
    put(summary, [w["index_1_4"], shown_number(overall["index"])])
    put(summary, [w["index_converted"], shown_number(overall["converted"])])
    put(summary, [w["mutu"], overall["mutu_label"] or overall["mutu"]])
    put(summary, [w["kinerja"], overall["kinerja"]])

    heading(summary, w["elements"])
    put(summary, element_headers(w), strong=True)
    *elements, total = element_rows(data, shown_number, _exact_number, None)
    for row in elements:
        put(summary, row)
    put(summary, total, strong=True)

    heading(summary, w["distribution"])
    grid(summary, distribution_table(data, w))

    if data["profile"]:
        heading(summary, w["profile"])
        for table in data["profile"]:
            put(summary, [table["title"], w["count"], w["share"] + " (%)"], strong=True)
            for row in profile_rows(table, w, shown_number, None):
                put(summary, row)

    segments = data.get("segments")
    if segments:
        heading(summary, f"{w['segments']} ({segments['title']})")
        grid(summary, segment_table(segments, w, shown_number, None))

    if data["lowest"]:
        heading(summary, w["lowest"])
        grid(summary, lowest_table(data, w, shown_number))

    sample = data.get("sample")
    if sample:
        heading(summary, w["sample"])
        put(summary, [w["population"], sample["population"]])
        put(summary, [w["required"], sample["required"]])
        put(summary, [w["received"], sample["received"]])
        put(summary, [sample_verdict(sample, w)])

    comparison = data.get("comparison")
    if comparison:
        heading(summary, w["comparison"])
        grid(summary, comparison_table(comparison, w, shown_number), strong_last=True)

    if data["warnings"]:
        heading(summary, w["notes"])
        for text in data["warnings"]:
            put(summary, [text])
    summary.column_dimensions["A"].width = 16
    summary.column_dimensions["B"].width = 44

    sheet = book.create_sheet(RESPONDENT_SHEET.get(lang, RESPONDENT_SHEET["id"]))
    sheet.append([_cell(w["per_respondent"])])
    sheet["A1"].font = big
    headers, rows = respondent_table(data, shown_number, _exact_number, None)
    put(sheet, headers, strong=True)
    for number, row in enumerate(rows):
        put(sheet, row, strong=number >= len(rows) - 4)  # the four sum rows
    put(sheet, ["", w["index_1_4"], shown_number(overall["index"])], strong=True)
    put(sheet, ["", w["index_converted"], shown_number(overall["converted"])], strong=True)
    sheet.column_dimensions["B"].width = 24
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
