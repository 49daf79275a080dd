"""The survey layout: one row per respondent, one column per element (question)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from pelayanan.model.evidence import Evidence, EvidenceKind
from pelayanan.model.rubric import Indicator
from pelayanan.model.units import UnitTree
from pelayanan.readers.cells import (
    ID_RE,
    SURVEY_COLUMNS,
    Cell,
    RowChecker,
    TableContext,
    body_rows,
    cell_text,
    header_positions,
    is_blank,
    mapped_headers,
    read_provenance,
)
from pelayanan.readers.problems import TableProblem

__all__ = ["read_survey"]


def read_survey(
    context: TableContext, header: Sequence[Cell], body: Iterable[tuple[int, Sequence[Cell]]]
) -> Iterator[Evidence]:
    """Evidence from the rows of a survey table: one item per answered question."""
    names = mapped_headers(header, context.columns)
    rows = RowChecker(context, [cell_text(cell) for cell in header])
    rows.row = 1
    where = header_positions(rows, names, SURVEY_COLUMNS)
    answers: list[tuple[int, str, Indicator | None]] = []
    seen: set[str] = set()
    for position, name in enumerate(names, start=1):
        if name is None or name.lower() in SURVEY_COLUMNS:
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
    unit_col = where.get("unit")
    fixed = (context.unit or context.fallback_unit) if unit_col is None else None
    if unit_col is None and fixed is None:
        rows.problem("the header has no 'unit' column; name the unit with --unit", fatal=True)
    elif fixed is not None and not _is_leaf(context.units, fixed):
        context.log.add(
            TableProblem.at(
                context.source,
                1,
                f"the file has no 'unit' column and {fixed!r} is not a unit at the bottom "
                "of the units file; name the unit with --unit",
                fatal=True,
            )
        )
        return
    for cells in body_rows(rows, body, len(names)):
        unit = fixed if unit_col is None else (cell_text(cells[unit_col - 1]) or context.unit)
        if unit is None:
            rows.problem("the unit is empty", unit_col)
        elif unit_col is not None:
            rows.check_unit(unit, unit_col)
        provenance = read_provenance(rows, cells, where, EvidenceKind.SURVEY_RESPONSE)
        values = [
            (element, rows.parse(indicator, cells[position - 1], position))
            for position, element, indicator in answers
            if not is_blank(cells[position - 1])
        ]
        if not rows.row_ok or unit is None:
            context.log.bad_rows += 1
            continue
        for element, value in values:
            yield Evidence(unit, element, value, provenance=provenance)


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
            f"column {name!r} is not an element id; map it with --columns", position, fatal=True
        )
        return None
    return name
