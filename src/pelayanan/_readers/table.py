"""Evidence from rows of cells, in the two layouts a spreadsheet export comes in.

*Long* layout: one row per evidence item, with the columns ``unit``, ``indicator`` and
``value`` (or ``not_applicable``) and the optional provenance columns ``kind``,
``collected_at``, ``collector``, ``reference`` and ``note``.

*Survey* layout: one row per respondent, an optional ``unit`` column, one column per element
(indicator) id, and the optional columns ``respondent``, ``collected_at``, ``collector`` and
``note``. An empty cell is an unanswered question.

The CSV and XLSX readers only turn their files into ``(row number, cells)`` pairs; everything
about headers, values and problems is decided here, once, for both formats. Every problem of
every row is logged (see :class:`~pelayanan._readers.problems.ProblemLog`); a row with any
problem yields nothing.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence

from pelayanan._i18n import gettext
from pelayanan._model.evidence import Evidence
from pelayanan._model.survey import Response
from pelayanan._readers.cells import (
    LAYOUTS,
    LONG_COLUMNS,
    Cell,
    Layout,
    TableContext,
    cell_text,
    is_blank,
    mapped_headers,
)
from pelayanan._readers.long_layout import read_long
from pelayanan._readers.problems import TableProblem
from pelayanan._readers.survey_layout import read_survey, survey_responses

__all__ = [
    "LAYOUTS",
    "LONG_COLUMNS",
    "Cell",
    "Layout",
    "TableContext",
    "detect_layout",
    "open_table",
    "read_responses",
    "read_rows",
]

_LOOK_AHEAD = 30
"""Rows looked at below a first row that does not look like a header."""


def detect_layout(header: Sequence[Cell], columns: Mapping[str, str] | None = None) -> Layout:
    """``"long"`` when the (mapped) header has an ``indicator`` or a ``value`` column, else
    ``"survey"``."""
    names = {n.lower() for n in mapped_headers(header, columns or {}) if n is not None}
    return "long" if names & {"indicator", "value"} else "survey"


def open_table(
    context: TableContext,
    rows: Iterable[tuple[int, Sequence[Cell]]],
    layout: Layout = "auto",
) -> tuple[Layout, Sequence[Cell], Iterator[tuple[int, Sequence[Cell]]]] | None:
    """The layout, the header row and the remaining rows of a table; ``None`` (with a fatal
    problem logged) when the file or its header row is empty."""
    if layout not in LAYOUTS:
        raise ValueError(
            gettext("layout: expected 'auto', 'long' or 'survey', got '{layout}'").format(
                layout=layout
            )
        )
    found = _header_row(context, iter(rows))
    if found is None:
        return None
    _, header, iterator = found
    chosen = detect_layout(header, context.columns) if layout == "auto" else layout
    return chosen, header, iterator


def read_rows(
    context: TableContext,
    rows: Iterable[tuple[int, Sequence[Cell]]],
    layout: Layout = "auto",
) -> Iterator[Evidence]:
    """Evidence from ``(row number, cells)`` pairs whose first pair is the header row.

    ``layout`` is ``"long"``, ``"survey"`` or ``"auto"`` (decided by :func:`detect_layout`).
    Problems go to ``context.log``; a row with any problem yields nothing.
    """
    opened = open_table(context, rows, layout)
    if opened is None:
        return
    chosen, header, iterator = opened
    if chosen == "long":
        yield from read_long(context, header, iterator)
    else:
        yield from read_survey(context, header, iterator)


def read_responses(
    context: TableContext, rows: Iterable[tuple[int, Sequence[Cell]]]
) -> Iterator[Response]:
    """The respondents of a survey table given as ``(row number, cells)`` pairs.

    Like :func:`read_rows` with the survey layout, but each row stays one
    :class:`~pelayanan._model.survey.Response` with the respondent's attributes.
    """
    found = _header_row(context, iter(rows))
    if found is not None:
        _, header, iterator = found
        yield from survey_responses(context, header, iterator)


def _filled(cells: Sequence[Cell]) -> int:
    return sum(not is_blank(cell) for cell in cells)


def _header_row(
    context: TableContext, iterator: Iterator[tuple[int, Sequence[Cell]]]
) -> tuple[int, Sequence[Cell], Iterator[tuple[int, Sequence[Cell]]]] | None:
    """The header row and the rows after it; ``None`` (and a fatal problem) when there is none.

    With ``context.header_row`` the rows above it are skipped. Without, the first row is
    the header unless it has at most one filled cell while a row below has more (a title
    row above the header): that is refused with a message suggesting ``--header-row``.
    """
    wanted = context.header_row
    first: tuple[int, Sequence[Cell]] | None = None
    for number, cells in iterator:
        if wanted is None or number >= wanted:
            first = (number, cells)
            break
    if first is None:
        where = 1 if wanted is None else wanted
        message = (
            gettext("the file is empty")
            if wanted is None
            else gettext("the file has no row {row}").format(row=wanted)
        )
        if not context.log.fatal:  # a file refused before its first row is not "empty"
            context.log.add(TableProblem.at(context.source, where, message, fatal=True))
        return None
    number, header = first
    if all(is_blank(cell) for cell in header):
        what = (
            gettext("the first row (the header) is empty")
            if wanted is None
            else gettext("row {row} (the header) is empty").format(row=number)
        )
        context.log.add(TableProblem.at(context.source, number, what, fatal=True))
        return None
    if wanted is None and _filled(header) <= 1:
        ahead = list(itertools.islice(iterator, _LOOK_AHEAD))
        wider = next((n for n, cells in ahead if _filled(cells) > 1), None)
        if wider is not None:
            text = next(cell_text(cell) for cell in header if not is_blank(cell))
            context.log.add(
                TableProblem.at(
                    context.source,
                    number,
                    gettext(
                        "row {row} does not look like a header (one filled cell, '{text}', while "
                        "row {wider} has {count}); if it is a title above the header, read the "
                        "file with --header-row {wider}"
                    ).format(row=number, text=text, wider=wider, count=_filled(dict(ahead)[wider])),
                    fatal=True,
                )
            )
            return None
        iterator = itertools.chain(ahead, iterator)
    return number, header, iterator
