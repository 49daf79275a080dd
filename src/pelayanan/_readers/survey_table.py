"""The survey header checked the plain way, for the ``duckdb`` engine's fast query.

The ``duckdb`` engine uses :class:`SurveyTable` to find the unit and answer columns of a
survey table whose header is plain (every column a reserved name or an element id, after
``--columns``). Any problem it finds, or any column it does not know, sends the file to the
``python`` engine, whose survey reader (:mod:`pelayanan._readers.survey_layout`: aliases,
answer words, respondent attributes, warnings) is the one that reports.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from pelayanan._i18n import gettext
from pelayanan._model.evidence import EvidenceKind, Provenance
from pelayanan._model.rubric import Indicator
from pelayanan._model.units import UnitTree
from pelayanan._readers.cells import (
    ID_RE,
    PROVENANCE_COLUMNS,
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
from pelayanan._readers.problems import TableProblem

__all__ = ["SurveyTable"]


_SURVEY_PROVENANCE = Provenance(kind=EvidenceKind.SURVEY_RESPONSE)
_CACHE = 10_000
"""Most distinct cells remembered per column once read (answers repeat a lot)."""


class SurveyTable:
    """The header of a survey table, checked, and its rows read against it.

    :meth:`rows` yields, for every good row, the unit, the provenance and one *key* per
    answer column (``None`` for an unanswered question); ``parsed[column][key]`` is the
    answer read on the element's scale. Keys are the cells themselves (for text) so that
    counting answers (the batch engines) needs no object per answer and no number
    arithmetic: equal cells have equal keys.
    """

    def __init__(self, context: TableContext, header: Sequence[Cell]) -> None:
        self.context = context
        names = mapped_headers(header, context.columns)
        self.width = len(names)
        rows = self.checker = RowChecker(context, [cell_text(cell) for cell in header])
        rows.row = 1
        self.where = where = header_positions(rows, names, SURVEY_COLUMNS)
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
        self.answers = answers
        self.elements = [element for _, element, _ in answers]
        self.parsed: list[dict[object, object]] = [{} for _ in answers]
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

    @property
    def dated(self) -> bool:
        """Whether rows carry a ``kind`` or ``collected_at`` column (checked per row)."""
        return not self.where.keys().isdisjoint({"kind", "collected_at"})

    def rows(
        self, body: Iterable[tuple[int, Sequence[Cell]]], *, provenance: bool = True
    ) -> Iterator[tuple[str, Provenance, list[object | None]]]:
        """``(unit, provenance, keys)`` for every good row (see the class).

        With ``provenance=False`` the provenance is read only when the table has a ``kind``
        or ``collected_at`` column (whose cells are checked); otherwise a shared one is
        given (counting needs no respondent number or note).
        """
        if not self.usable:
            return
        context, rows, where = self.context, self.checker, self.where
        unit_col, fixed = self.unit_col, self.fixed
        skipped = PROVENANCE_COLUMNS | {"respondent"} if provenance else {"kind", "collected_at"}
        plain = where.keys().isdisjoint(skipped)
        columns = [
            (position - 1, indicator, position, cache)
            for (position, _, indicator), cache in zip(self.answers, self.parsed, strict=True)
        ]
        good_units: set[str] = set()
        for cells in body_rows(rows, body, self.width):
            unit = fixed if unit_col is None else (cell_text(cells[unit_col - 1]) or context.unit)
            if unit is None:
                rows.problem("the unit is empty", unit_col)
            elif (
                unit_col is not None and unit not in good_units and rows.check_unit(unit, unit_col)
            ):
                good_units.add(unit)
            given = (
                _SURVEY_PROVENANCE
                if plain
                else read_provenance(rows, cells, where, EvidenceKind.SURVEY_RESPONSE)
            )
            keys: list[object | None] = []
            uncached = False
            for index, indicator, position, cache in columns:
                cell = cells[index]
                if cell.__class__ is str:
                    if cell in cache:
                        keys.append(cell)
                        continue
                    key: object = cell
                elif cell is None:
                    keys.append(None)
                    continue
                else:
                    key = (cell.__class__, cell)
                    if key in cache:
                        keys.append(key)
                        continue
                if is_blank(cell):
                    keys.append(None)
                    continue
                problems = context.log.count
                value = rows.parse(indicator, cell, position)
                if context.log.count == problems and len(cache) < _CACHE:
                    cache[key] = value
                    keys.append(key)
                else:
                    keys.append(_Uncached(value))
                    uncached = True
            if not rows.row_ok or unit is None:
                context.log.bad_rows += 1
                continue
            if uncached:
                keys = [self._remember(index, key) for index, key in enumerate(keys)]
            yield unit, given, keys

    def _remember(self, index: int, key: object | None) -> object | None:
        """A key for a value read after the column's cache was full."""
        if not isinstance(key, _Uncached):
            return key
        token = ("uncached", key.value.__class__, key.value)
        self.parsed[index][token] = key.value
        return token


class _Uncached:
    """A value read but not cached (the cache is full); only on rare, varied columns."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value


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
