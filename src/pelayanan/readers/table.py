"""Evidence from rows of cells, in the two layouts a spreadsheet export comes in.

*Long* layout: one row per evidence item, with the columns ``unit``, ``indicator`` and
``value`` (or ``not_applicable``) and the optional provenance columns ``kind``,
``collected_at``, ``collector``, ``reference`` and ``note``.

*Survey* layout: one row per respondent, an optional ``unit`` column, one column per element
(indicator) id, and the optional columns ``respondent``, ``collected_at``, ``collector`` and
``note``. An empty cell is an unanswered question.

The CSV and XLSX readers only turn their files into ``(row number, cells)`` pairs; everything
about headers, values and problems is decided here, once, for both formats. Every problem of
every row is logged (see :class:`~pelayanan.readers.problems.ProblemLog`); a row with any
problem yields nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

from pelayanan.model.evidence import Evidence
from pelayanan.readers.cells import (
    LONG_COLUMNS,
    SURVEY_COLUMNS,
    Cell,
    Layout,
    TableContext,
    is_blank,
    mapped_headers,
)
from pelayanan.readers.long_layout import read_long
from pelayanan.readers.problems import TableProblem
from pelayanan.readers.survey_layout import read_survey

__all__ = [
    "LONG_COLUMNS",
    "SURVEY_COLUMNS",
    "Cell",
    "Layout",
    "TableContext",
    "detect_layout",
    "read_rows",
]


def detect_layout(header: Sequence[Cell], columns: Mapping[str, str] | None = None) -> Layout:
    """``"long"`` when the (mapped) header has an ``indicator`` or a ``value`` column, else
    ``"survey"``."""
    names = {n.lower() for n in mapped_headers(header, columns or {}) if n is not None}
    return "long" if names & {"indicator", "value"} else "survey"


def read_rows(
    context: TableContext,
    rows: Iterable[tuple[int, Sequence[Cell]]],
    layout: Layout = "auto",
) -> Iterator[Evidence]:
    """Evidence from ``(row number, cells)`` pairs whose first pair is the header row.

    ``layout`` is ``"long"``, ``"survey"`` or ``"auto"`` (decided by :func:`detect_layout`).
    Problems go to ``context.log``; a row with any problem yields nothing.
    """
    if layout not in ("auto", "long", "survey"):
        raise ValueError(f"layout: expected 'auto', 'long' or 'survey', got {layout!r}")
    iterator = iter(rows)
    first = next(iterator, None)
    if first is None:
        context.log.add(TableProblem.at(context.source, 1, "the file is empty", fatal=True))
        return
    number, header = first
    if all(is_blank(cell) for cell in header):
        context.log.add(
            TableProblem.at(
                context.source, number, "the first row (the header) is empty", fatal=True
            )
        )
        return
    chosen = detect_layout(header, context.columns) if layout == "auto" else layout
    if chosen == "long":
        yield from read_long(context, header, iterator)
    else:
        yield from read_survey(context, header, iterator)
