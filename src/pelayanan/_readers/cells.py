"""The cells and rows of a table: text of cells, headers, provenance columns, and the
checker that records the problems of the current row (shared by both layouts)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

from pelayanan._i18n import gettext
from pelayanan._model.evidence import EvidenceKind, Provenance, misfits, to_kind, to_when
from pelayanan._model.ids import ID_PATTERN
from pelayanan._model.numbers import to_exact
from pelayanan._model.rubric import Indicator, Rubric
from pelayanan._model.units import UnitTree
from pelayanan._readers.problems import ProblemLog, TableProblem
from pelayanan._readers.respondents import RespondentIndex
from pelayanan._readers.survey_columns import answer_level

__all__ = [
    "LAYOUTS",
    "LONG_COLUMNS",
    "Cell",
    "Layout",
    "RowChecker",
    "TableContext",
    "body_rows",
    "cell_text",
    "fit_row",
    "header_positions",
    "is_blank",
    "mapped_headers",
    "read_provenance",
]

Cell = str | int | float | Decimal | Fraction | bool | dt.date | None
"""A cell as a reader gives it: text from CSV, typed values from a worksheet."""

Layout = str
"""``"long"`` or ``"survey"``."""

LAYOUTS = ("auto", "long", "survey")
"""The layouts a table may be read as (``auto``: decided by its header); the readers'
option, the batch engines' and the command line's ``--layout`` take these."""

LONG_COLUMNS = (
    "unit",
    "indicator",
    "value",
    "not_applicable",
    "kind",
    "collected_at",
    "collector",
    "reference",
    "note",
)
"""Columns the long layout understands."""

NOT_APPLICABLE_WORDS = frozenset({"n/a", "na", "tidak berlaku", "not applicable"})
ID_RE = re.compile(ID_PATTERN)
NO_PROVENANCE = Provenance()
PROVENANCE_COLUMNS = frozenset({"kind", "collected_at", "collector", "reference", "note"})
_CACHE = 10_000
"""Most distinct (indicator, text) values remembered once parsed (answers repeat a lot)."""


@attrs.frozen
class TableContext:
    """What a layout needs besides the rows.

    Attributes:
        source: the file name used in problems.
        log: where problems go.
        rubric: when given, indicator ids and values are checked against it per row.
        units: when given, unit ids are checked against it per row.
        columns: header text -> column name (``U1 -> persyaratan``, ``Nilai -> value``).
        unit: the unit of every row of a survey without a ``unit`` column (and of rows whose
            ``unit`` cell is empty).
        fallback_unit: the unit of a survey with neither a ``unit`` column nor ``unit``
            (readers pass the file name without its suffix).
        decimal_comma: read ``3,5`` as ``3.5`` (CSV files delimited by ``;`` or tab, or
            ``decimal=","``).
        header_row: the row number of the header (rows above it, such as a title, are
            skipped); ``None``: the first row, checked to look like a header.
        ignore: header names of columns to leave out (survey layout).
        profile: header names of extra respondent attribute columns (survey layout).
    """

    source: str
    log: ProblemLog
    rubric: Rubric | None = None
    units: UnitTree | None = None
    columns: Mapping[str, str] = attrs.field(factory=dict)
    unit: str | None = None
    fallback_unit: str | None = None
    decimal_comma: bool = False
    header_row: int | None = None
    ignore: tuple[str, ...] = ()
    profile: tuple[str, ...] = ()


def cell_text(cell: Cell) -> str | None:
    """A cell as stripped text; ``None`` when blank."""
    if cell is None:
        return None
    if isinstance(cell, str):
        stripped = cell.strip()
        return stripped or None
    if isinstance(cell, dt.datetime | dt.date):
        return cell.isoformat()
    return str(cell)


def is_blank(cell: Cell) -> bool:
    """Whether ``cell`` is empty (``None`` or only white space)."""
    return cell is None or (isinstance(cell, str) and not cell.strip())


def mapped_headers(header: Sequence[Cell], columns: Mapping[str, str]) -> list[str | None]:
    """Each header cell renamed by ``columns`` (exact text first, then ignoring case)."""
    lowered = {key.strip().lower(): value for key, value in columns.items()}
    names: list[str | None] = []
    for cell in header:
        text = cell_text(cell)
        if text is None:
            names.append(None)
        elif text in columns:
            names.append(columns[text].strip())
        elif text.lower() in lowered:
            names.append(lowered[text.lower()])
        else:
            names.append(text)
    return names


class RowChecker:
    """Checks the cells of the current row and logs its problems (``row_ok`` says if any)."""

    def __init__(self, context: TableContext, header: Sequence[str | None]) -> None:
        self.context = context
        self.header = list(header)
        self.indicators: dict[str, Indicator] = (
            {} if context.rubric is None else {i.id: i for i in context.rubric.indicators()}
        )
        self.row = 0
        self.row_ok = True
        self.parsed: dict[tuple[str, str], Fraction] = {}
        self.respondents = RespondentIndex()
        self.inner: frozenset[str] | None = None
        """The units with units below them (taking no evidence), once needed."""

    def problem(self, message: str, column: int | None = None, *, fatal: bool = False) -> None:
        """Log a problem in the current row (and ``column``, 1-based); the row is then bad."""
        header = None if column is None or column > len(self.header) else self.header[column - 1]
        self.context.log.add(
            TableProblem.at(
                self.context.source, self.row, message, column=column, header=header, fatal=fatal
            )
        )
        self.row_ok = False

    def check_unit(self, unit: str, column: int | None) -> bool:
        """Whether ``unit`` is a unit at the bottom of the unit tree (logged if not, in the
        words of the model's rule, :func:`~pelayanan._model.evidence.misfits`)."""
        tree = self.context.units
        if tree is None:
            return True
        if self.inner is None:
            self.inner = frozenset(node.id for node in tree if not tree.is_leaf(node.id))
        if unit in tree and unit not in self.inner:
            return True
        for finding in misfits(unit, None, False, units=tree, inner=self.inner):
            self.problem(finding.text(), column)
        return False

    def check_respondent(self, unit: str, respondent: str, column: int) -> None:
        """Report a respondent id already seen for ``unit`` (it would be counted twice)."""
        first = self.respondents.first(unit, respondent, self.row)
        if first != self.row:
            self.problem(
                gettext(
                    "respondent '{respondent}' of unit '{unit}' already answered in row {row}; "
                    "each respondent is counted once"
                ).format(respondent=respondent, unit=unit, row=first),
                column,
            )

    def parse(self, indicator: Indicator | None, cell: Cell, column: int) -> object:
        """The value read on the indicator's scale (or left as it is without a rubric)."""
        value: Cell = cell
        if isinstance(cell, str):
            value = cell.strip()
        elif isinstance(cell, int | float | Decimal) and not isinstance(cell, bool):
            try:
                value = to_exact(cell)  # a typed cell (worksheet, Parquet) may be inf or NaN
            except ValueError as error:
                self.problem(str(error), column)
                return None
        if indicator is None:
            return value
        key = (indicator.id, value) if isinstance(value, str) else None
        if key is not None and key in self.parsed:
            return self.parsed[key]
        try:
            parsed = answer_level(indicator, value, decimal_comma=self.context.decimal_comma)
        except ValueError as error:
            self.problem(str(error), column)
            return None
        if key is not None and len(self.parsed) < _CACHE:
            self.parsed[key] = parsed
        return parsed


def read_date(rows: RowChecker, cell: Cell, column: int) -> dt.date | None:
    """The ``collected_at`` cell as a date or time by the model's rule (``None`` when blank
    or bad)."""
    try:
        return to_when(cell if isinstance(cell, dt.date) else cell_text(cell), what="")
    except ValueError as error:
        rows.problem(str(error), column)
        return None


def read_kind(rows: RowChecker, cell: Cell, column: int) -> EvidenceKind | None:
    """The ``kind`` cell, in any case, as an evidence kind by the model's rule (``None``
    when blank or bad)."""
    text = cell_text(cell)
    try:
        return None if text is None else to_kind(text.lower(), what="")
    except ValueError as error:
        rows.problem(str(error), column)
        return None


def read_provenance(
    rows: RowChecker, cells: Sequence[Cell], where: Mapping[str, int], kind: EvidenceKind | None
) -> Provenance:
    """The provenance of a row from its provenance columns (one shared empty one if none)."""

    def cell(name: str) -> Cell:
        index = where.get(name)
        return None if index is None else cells[index - 1]

    given_kind = read_kind(rows, cell("kind"), where["kind"]) if "kind" in where else None
    collected = (
        read_date(rows, cell("collected_at"), where["collected_at"])
        if ("collected_at" in where)
        else None
    )
    texts = {name: cell_text(cell(name)) for name in ("collector", "reference", "note")}
    if "respondent" in where and texts["reference"] is None:
        respondent = cell_text(cell("respondent"))
        texts["reference"] = None if respondent is None else f"respondent {respondent}"
    kind = given_kind or kind
    if kind is None and collected is None and not any(texts.values()):
        return NO_PROVENANCE
    return Provenance(kind=kind, collected_at=collected, **texts)


def header_positions(
    rows: RowChecker, names: Sequence[str | None], allowed: Sequence[str]
) -> dict[str, int]:
    """Reserved column name -> 1-based position; reports repeated columns."""
    where: dict[str, int] = {}
    for position, name in enumerate(names, start=1):
        if name is None:
            continue
        key = name.lower()
        if key in allowed:
            if key in where:
                rows.problem(
                    gettext("column '{name}' appears twice").format(name=name), position, fatal=True
                )
            where[key] = position
    return where


def fit_row(rows: RowChecker, cells: Sequence[Cell], width: int) -> Sequence[Cell]:
    """Pad short rows with blanks; report non-blank cells beyond the header."""
    if len(cells) > width:
        extra = [i for i in range(width, len(cells)) if not is_blank(cells[i])]
        if extra:
            rows.problem(
                gettext(
                    "this row has a value beyond the last column of the header "
                    "({cells} cells, {width} columns)"
                ).format(cells=len(cells), width=width),
                extra[0] + 1,
            )
        return cells[:width]
    if len(cells) < width:
        return [*cells, *([None] * (width - len(cells)))]
    return cells


def body_rows(
    rows: RowChecker, body: Iterable[tuple[int, Sequence[Cell]]], width: int
) -> Iterator[Sequence[Cell]]:
    """The rows of ``body`` that are not blank, fitted to ``width`` by :func:`fit_row`.

    Before each row is read, ``rows`` is moved to its number and its problems are cleared.
    """
    for number, cells in body:
        rows.row, rows.row_ok = number, True
        if all(is_blank(cell) for cell in cells):
            continue
        yield fit_row(rows, cells, width)
