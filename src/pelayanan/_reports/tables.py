"""Tables for the terminal, CSV and Markdown: the same rows, three ways of writing them.

A :class:`Table` holds text cells; a cell may carry a colour (a zone's), used only when
writing to a colour terminal. :func:`assessment_table` is what ``pelayanan score`` prints.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

from pelayanan._i18n import use_language
from pelayanan._model.results import Assessment, ScoreCard
from pelayanan._reports.figures import (
    colour_of,
    fmt_count,
    fmt_percent,
    fmt_score,
    machine_number,
    rgb_of,
)
from pelayanan._reports.i18n import level_name, words
from pelayanan._reports.safe import Html, Md, TerminalText, spreadsheet_text, visible

__all__ = [
    "DOWN",
    "UP",
    "Cell",
    "Table",
    "assessment_csv",
    "assessment_table",
    "band_text",
    "band_words",
    "render_csv",
    "render_markdown",
    "render_tables",
    "render_text",
    "score_cell",
    "signed_cell",
    "zone_cell",
]


@attrs.frozen
class Cell:
    """A table cell: its text and, optionally, a colour (``#rrggbb``) for terminals; in an
    HTML table, its own HTML (a zone pill, a bar), class and style; in a workbook, the
    number it shows (written as a number, not as its text)."""

    text: str
    colour: str | None = None
    html: Html | None = None
    css: str = ""
    style: str = ""
    value: int | Decimal | None = None


UP, DOWN = "#1e8449", "#c0392b"
"""The colours of a rise and of a fall (the green and red zones')."""


def signed_cell(value: Decimal | Fraction | None, text: str) -> Cell:
    """``text`` (``value`` written) coloured by the sign of ``value``: green above zero, red
    below; ``-`` without a value."""
    if value is None:
        return Cell("-")
    return Cell(text, UP if value > 0 else DOWN if value < 0 else None)


def _cells(values: Iterable[Cell | str]) -> tuple[Cell, ...]:
    return tuple(value if isinstance(value, Cell) else Cell(value) for value in values)


def _rows(values: Iterable[Iterable[Cell | str]]) -> tuple[tuple[Cell, ...], ...]:
    return tuple(_cells(row) for row in values)


def _headers(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _indexes(values: Iterable[int]) -> frozenset[int]:
    return frozenset(values)


@attrs.frozen
class Table:
    """Headers, rows of cells, and which columns (0-based) align right; in HTML, the table's
    id and class, each column's class (default: ``num`` for the right-aligned ones) and how
    many rows at the end are totals."""

    headers: tuple[str, ...] = attrs.field(converter=_headers)
    rows: tuple[tuple[Cell, ...], ...] = attrs.field(converter=_rows)
    right: frozenset[int] = attrs.field(default=frozenset(), converter=_indexes)
    title: str | None = None
    css: str = ""
    classes: tuple[str, ...] = ()
    anchor: str = ""
    totals: int = 0


def _paint(text: str, colour: str | None) -> str:
    rgb = None if colour is None else rgb_of(colour)
    if rgb is None:
        return text
    return "\x1b[1;38;2;{};{};{}m{}\x1b[0m".format(*rgb, text)


def render_text(table: Table, *, colour: bool = False) -> TerminalText:
    """Aligned columns for a terminal; zone cells coloured when ``colour`` is true.

    Control characters in the data are shown, not sent (:func:`~pelayanan._reports.safe.visible`).
    """
    headers = [visible(header) for header in table.headers]
    rows = [[Cell(visible(cell.text), cell.colour) for cell in row] for row in table.rows]
    widths = [len(header) for header in headers]
    for row in rows:
        for index, cell in enumerate(row):
            widths[index] = max(widths[index], len(cell.text))

    def line(cells: Sequence[Cell]) -> str:
        out = []
        for index, cell in enumerate(cells):
            padded = (
                cell.text.rjust(widths[index])
                if index in table.right
                else cell.text.ljust(widths[index])
            )
            out.append(_paint(padded, cell.colour) if colour else padded)
        return "  ".join(out).rstrip()

    lines = [] if table.title is None else [visible(table.title), ""]
    lines.append(line(_cells(headers)))
    lines.append("  ".join("-" * width for width in widths))
    lines.extend(line(row) for row in rows)
    return TerminalText("\n".join(lines) + "\n")


def render_csv(table: Table) -> str:
    """The table as CSV (headers first). No cell can be read as a formula by a spreadsheet
    (:func:`~pelayanan._reports.safe.spreadsheet_text`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([spreadsheet_text(header) for header in table.headers])
    writer.writerows([spreadsheet_text(cell.text) for cell in row] for row in table.rows)
    return buffer.getvalue()


def render_markdown(table: Table) -> Md:
    """The table as a GitHub-flavoured Markdown table; every header and cell is escaped
    (:func:`~pelayanan._reports.safe.md_escape`) unless it is already
    :class:`~pelayanan._reports.safe.Md`."""
    head = Md("| {} |").format(Md(" | ").join(table.headers))
    rule = Md("|{}|").format(
        Md("|").join(Md("---:" if i in table.right else "---") for i in range(len(table.headers)))
    )
    body = [Md("| {} |").format(Md(" | ").join(c.text or " " for c in row)) for row in table.rows]
    title = [] if table.title is None else [Md("**{}**").format(table.title), Md()]
    return Md("\n").join([*title, head, rule, *body]) + Md("\n")


def render_tables(tables: Iterable[Table | None], kind: str, colour: bool = False) -> str:
    """Tables one after another, a blank line between, as Markdown (``kind`` "markdown"), CSV
    ("csv") or terminal text (anything else); ``None`` and tables without rows are left out."""
    if kind == "markdown":
        return "\n".join(render_markdown(t) for t in tables if t is not None and t.rows)
    if kind == "csv":
        return "\n".join(render_csv(t) for t in tables if t is not None and t.rows)
    return "\n".join(render_text(t, colour=colour) for t in tables if t is not None and t.rows)


def score_cell(card: ScoreCard | None) -> Cell:
    """The published score of ``card``, coloured by its zone; ``-`` without one."""
    if card is None:
        return Cell("-")
    return Cell(fmt_score(card.published), colour_of(card.zone, card.band))


def zone_cell(card: ScoreCard | None, lang: str) -> Cell:
    """The zone of ``card`` in words, coloured; ``-`` without one."""
    if card is None or card.zone is None:
        return Cell("-")
    return Cell(card.zone.label.get(lang), colour_of(card.zone, card.band))


def band_text(card: ScoreCard, lang: str) -> str:
    """``B (Kualitas Tinggi)``, or ``-`` (the label alone when it already names the code)."""
    if card.band is None:
        return "-"
    return band_words(card.band.code, card.band.label.get(lang))


def band_words(code: str, label: str) -> str:
    """``B (Kualitas Tinggi)``; just ``Mutu A (Sangat baik)`` when the label has the code."""
    if code in label.replace("(", " ").replace(")", " ").split():
        return label
    return f"{code} ({label})"


def assessment_table(assessment: Assessment, lang: str = "id") -> Table:
    """Every unit in tree order, indented by depth: score, band, zone, coverage, evidence."""
    from pelayanan._reports.view import rows_of  # the reports' types: not for a plain table

    with use_language(lang):
        w = words(lang)
        rows = []
        for row in rows_of(assessment):
            card = row.card
            rows.append(
                (
                    "  " * row.depth + card.name,
                    level_name(card.level, lang),
                    score_cell(card),
                    band_text(card, lang),
                    zone_cell(card, lang),
                    fmt_percent(card.coverage),
                    fmt_count(card.evidence_count),
                )
            )
        headers = (
            w["unit"],
            w["level"],
            w["score"],
            w["band"],
            w["zone"],
            w["coverage"],
            w["evidence"],
        )
        return Table(headers, rows, {2, 5, 6})


CSV_COLUMNS = (
    "unit",
    "name",
    "level",
    "parent",
    "score",
    "exact_score",
    "band",
    "band_label",
    "zone",
    "zone_label",
    "coverage",
    "evidence_count",
)
"""The columns of ``pelayanan score --format csv``."""


def assessment_csv(assessment: Assessment, lang: str = "id") -> str:
    """Every unit as one CSV row with ids and exact values, for spreadsheets and scripts."""
    from pelayanan._reports.view import rows_of

    rows = []
    for row in rows_of(assessment):
        card = row.card
        rows.append(
            (
                card.unit_id,
                card.name,
                card.level,
                "" if row.parent is None else row.parent.unit_id,
                machine_number(card.published),
                machine_number(card.score),
                "" if card.band is None else card.band.code,
                "" if card.band is None else card.band.label.get(lang),
                "" if card.zone is None else card.zone.id,
                "" if card.zone is None else card.zone.label.get(lang),
                machine_number(card.coverage),
                str(card.evidence_count),
            )
        )
    return render_csv(Table(CSV_COLUMNS, rows))
