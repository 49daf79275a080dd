"""The survey header checked the plain way, for the ``duckdb`` engine's fast query.

The ``duckdb`` engine uses :class:`SurveyTable` to find the unit and answer columns of a
survey table whose header is plain (every column a reserved name or an element id, after
``--columns``). Any problem it finds, or any column it does not know, sends the file to the
``python`` engine, whose survey reader (:mod:`pelayanan._readers.survey_layout`: aliases,
answer words, respondent attributes, warnings) is the one that reports.
"""

from __future__ import annotations

from collections.abc import Sequence

from pelayanan._i18n import gettext
from pelayanan._model.rubric import Indicator
from pelayanan._model.units import UnitTree
from pelayanan._readers.cells import (
    ID_RE,
    Cell,
    RowChecker,
    TableContext,
    cell_text,
    header_positions,
    mapped_headers,
)
from pelayanan._readers.problems import TableProblem
from pelayanan._readers.survey_columns import RESERVED_COLUMNS

__all__ = ["SurveyTable"]


class SurveyTable:
    """The header of a survey table, checked the plain way: ``where`` (reserved column ->
    position), ``answers`` (position, element, indicator), the ``unit_col`` or the ``fixed``
    unit, and whether the table is ``usable``; problems go to ``context.log``."""

    def __init__(self, context: TableContext, header: Sequence[Cell]) -> None:
        names = mapped_headers(header, context.columns)
        rows = RowChecker(context, [cell_text(cell) for cell in header])
        rows.row = 1
        self.where = where = header_positions(rows, names, RESERVED_COLUMNS)
        answers: list[tuple[int, str, Indicator | None]] = []
        seen: set[str] = set()
        for position, name in enumerate(names, start=1):
            if name is None or name.lower() in RESERVED_COLUMNS:
                continue
            element = _element(rows, name, position)
            if element is None:
                continue
            if element in seen:
                rows.problem(f"element {element!r} has two columns", position, fatal=True)
                continue
            seen.add(element)
            answers.append((position, element, rows.indicators.get(element)))
        if not answers and not context.log.fatal:
            rows.problem("the header names no element (question) columns", fatal=True)
        self.answers = answers
        self.unit_col = unit_col = where.get("unit")
        self.fixed = fixed = (context.unit or context.fallback_unit) if unit_col is None else None
        self.usable = True
        if unit_col is None and fixed is None:
            message = gettext("the header has no 'unit' column; name the unit with --unit")
            rows.problem(message, fatal=True)
        elif fixed is not None and not _is_leaf(context.units, fixed):
            context.log.add(
                TableProblem.at(
                    context.source,
                    1,
                    gettext(
                        "the file has no 'unit' column and '{unit}' is not a unit at the bottom "
                        "of the units file; name the unit with --unit"
                    ).format(unit=fixed),
                    fatal=True,
                )
            )
            self.usable = False


def _is_leaf(tree: UnitTree | None, unit: str) -> bool:
    return tree is None or (unit in tree and tree.is_leaf(unit))


def _element(rows: RowChecker, name: str, position: int) -> str | None:
    """The element id a survey column answers, or ``None`` (and a problem)."""
    if rows.indicators:
        if name in rows.indicators:
            return name
        folded = {key.lower(): key for key in rows.indicators}
        if name.lower() in folded:
            return folded[name.lower()]
        rubric = rows.context.rubric
        assert rubric is not None
        known = ", ".join(rows.indicators)
        header = rows.header[position - 1] or name
        read_as = "" if header == name else f" (mapped to {name!r})"
        rows.problem(
            f"column {header!r}{read_as} is not an element of {rubric.ref} ({known}); "
            f"map it with --columns '{header}=<element>'",
            position,
            fatal=True,
        )
        return None
    if not ID_RE.match(name):
        rows.problem(
            f"column {name!r} is not an element id; map it with --columns",
            position,
            fatal=True,
        )
        return None
    return name
